package com.followthrough.access;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.dto.task.CommentDto;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsTheApplication;
import com.followthrough.api.ApiProblem;
import com.followthrough.api.BodyReadAgain;
import com.followthrough.api.ProblemResponse;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An agent or specialist comments on a task she holds (its assignee or owner): Tasklist's "Add comment", or {@code POST
 * .../task/{id}/comment/create}. Camunda's REST API finds the task through its history first, which only those who
 * read every case's history may (supervisors, analysts), so her comment was refused. Here it is added as hers through
 * the Java API, and answered as Camunda answers it (the comment, with its link). {@link EngineRestRules} has let only
 * such a comment through; supervisors and administrators go on to the engine, which lets them.
 */
class CommentsOnHeldTasks extends OncePerRequestFilter {

    private static final Pattern ADDS_A_COMMENT = Pattern.compile("/task/([^/]+)/comment/create");

    private final ObjectProvider<ProcessEngine> engines;
    private final Function<HttpServletRequest, Optional<Authentication>> callers;
    private final BiPredicate<String, Authentication> holdsTask;
    private final ObjectMapper json;
    /** Dates as Camunda's REST API writes them. */
    private final ObjectMapper camundaJson = new ObjectMapper()
            .setDateFormat(new java.text.SimpleDateFormat(JacksonConfigurator.DEFAULT_DATE_FORMAT));

    CommentsOnHeldTasks(ObjectProvider<ProcessEngine> engines,
                        Function<HttpServletRequest, Optional<Authentication>> callers,
                        BiPredicate<String, Authentication> holdsTask, ObjectMapper json) {
        this.engines = engines;
        this.callers = callers;
        this.holdsTask = holdsTask;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher comment = ADDS_A_COMMENT.matcher(EngineRestRules.operationPath(request));
        Optional<Authentication> holder = EngineRestRules.agentPosting(request, comment, callers)
                .filter(who -> holdsTask.test(comment.group(1), who));
        if (holder.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        JsonNode message;
        try {
            message = json.readTree(body).path("message");
        } catch (IOException notJson) {
            chain.doFilter(new BodyReadAgain(request, body), response);
            return;
        }
        if (!message.isTextual()) {
            ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(
                    ApiProblem.invalid("message", "must be a string: the comment's text").problemDetail()));
            return;
        }
        ProcessEngine engine = engines.getObject();
        Comment added = AsTheApplication.runAs(engine.getIdentityService(), holder.get(),
                () -> engine.getTaskService().createComment(comment.group(1), null, message.asText()));
        CommentDto answer = CommentDto.fromComment(added);
        String self = request.getRequestURI().replaceFirst("/create/?$", "/" + added.getId());
        answer.addReflexiveLink(URI.create(request.getRequestURL().toString()).resolve(self), "GET", "self");
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        camundaJson.writeValue(response.getOutputStream(), answer);
    }
}
