package com.followthrough.access;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.dto.task.AttachmentDto;
import org.camunda.bpm.engine.rest.dto.task.CommentDto;
import org.camunda.bpm.engine.task.Comment;
import org.springframework.beans.factory.ObjectProvider;
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
 * <p>
 * For the same reason she read no comment on a task she may work (holds, or is offered as a candidate or through a
 * candidate group): Tasklist's History tab and {@code GET .../task/{id}/comment} answered {@code 404}. She reads them
 * here, as Camunda answers whoever reads the task's history, the list and each comment by its id. The engine checks
 * nothing when one comment is read by its id: anyone who neither may work the task nor read its history gets the
 * {@code 404} the list gives them, where the engine answered the comment. So it is with one attachment by its id, and
 * its file ({@code GET .../task/{id}/attachment/{attachmentId}} and {@code .../data}), which the engine answered
 * anyone signed in: whoever may work the task or reads its history gets the engine's answer, anyone else {@code 404}.
 * The list of a task's attachments ({@code GET .../task/{id}/attachment}) she reads as its comments, where the engine
 * answered her {@code 404} for the same reason; whoever may not work the task gets the engine's answer.
 * <p>
 * A comment, the task's or the case's, is edited only by its author and deleted only by an administrator, where the
 * engine let whoever works the task change or delete every comment on it; she edits her own on a task she holds here,
 * as she adds one.
 */
class NotesOnTasks extends OncePerRequestFilter {

    private static final Pattern ADDS_A_COMMENT = Pattern.compile("/task/([^/]+)/comment/create");
    private static final Pattern READS_COMMENTS = Pattern.compile("/task/([^/]+)/comment(?:/([^/]+))?");
    private static final Pattern READS_AN_ATTACHMENT = Pattern.compile("/task/([^/]+)/attachment/[^/]+(?:/data)?");
    private static final Pattern LISTS_ATTACHMENTS = Pattern.compile("/task/([^/]+)/attachment");
    /** A task's or a case's comments: {@code PUT} edits one (named in the body), {@code DELETE} one or all. */
    private static final Pattern CHANGES_COMMENTS =
            Pattern.compile("/(task|process-instance)/([^/]+)/comment(?:/([^/]+))?");

    private final ObjectProvider<ProcessEngine> engines;
    private final Function<HttpServletRequest, Optional<Authentication>> readers;
    private final Function<HttpServletRequest, Optional<Authentication>> writers;
    private final BiPredicate<String, Authentication> holdsTask;
    private final BiPredicate<String, Authentication> mayWorkTask;
    private final ObjectMapper json;

    /**
     * @param readers     the caller of a request that reads comments
     * @param writers     the caller of a request that adds one (on the webapps' API: with the session's CSRF token)
     * @param holdsTask   whether the caller is the assignee or the owner of the task of that id
     * @param mayWorkTask whether she holds it, or it is offered to her (a candidate, or in a candidate group)
     */
    NotesOnTasks(ObjectProvider<ProcessEngine> engines,
                        Function<HttpServletRequest, Optional<Authentication>> readers,
                        Function<HttpServletRequest, Optional<Authentication>> writers,
                        BiPredicate<String, Authentication> holdsTask,
                        BiPredicate<String, Authentication> mayWorkTask, ObjectMapper json) {
        this.engines = engines;
        this.readers = readers;
        this.writers = writers;
        this.holdsTask = holdsTask;
        this.mayWorkTask = mayWorkTask;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String operation = EngineRestRules.operationPath(request);
        Matcher reads = READS_COMMENTS.matcher(operation);
        Optional<Authentication> reader = reader(request, reads);
        if (reader.isPresent()) {
            read(request, response, chain, reads.group(1), Optional.ofNullable(reads.group(2)), reader.get());
            return;
        }
        Matcher attachment = READS_AN_ATTACHMENT.matcher(operation);
        Optional<Authentication> attachmentReader = reader(request, attachment);
        if (attachmentReader.isPresent() && !mayWorkTask.test(attachment.group(1), attachmentReader.get())
                && !readsHistory(attachment.group(1), attachmentReader.get())) {
            taskNotFound(request, response, attachment.group(1));
            return;
        }
        Matcher attachments = LISTS_ATTACHMENTS.matcher(operation);
        if (reader(request, attachments).filter(who -> mayWorkTask.test(attachments.group(1), who)).isPresent()) {
            ProcessEngine engine = engines.getObject();
            CamundaJson.ok(response, AsTheApplication.run(engine.getIdentityService(),
                    () -> engine.getTaskService().getTaskAttachments(attachments.group(1))).stream()
                    .map(AttachmentDto::fromAttachment).toList());
            return;
        }
        Matcher changes = CHANGES_COMMENTS.matcher(operation);
        Optional<Authentication> changer = Set.of("PUT", "DELETE").contains(request.getMethod()) && changes.matches()
                ? readers.apply(request).filter(who -> !EngineRestRules.administers(who)) : Optional.empty();
        if (changer.isPresent()) {
            keepOthersComments(request, response, chain, changes, changer.get());
            return;
        }
        Matcher comment = ADDS_A_COMMENT.matcher(operation);
        Optional<Authentication> holder = EngineRestRules.agentPosting(request, comment, writers)
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
        CamundaJson.ok(response, answer);
    }

    /**
     * A comment is part of the case's record, which a colleague may have acted on: only an administrator deletes one
     * (or all of a task's or a case's), and only its author edits it (the engine keeps the old text in the task's
     * History). The engine let whoever works the task change or delete every comment on it, and wrote the editor's
     * name on the note. Her own note on a task she holds, which the engine's REST API would not find (it looks the
     * task up in its history, which agents do not read), is edited as hers through the Java API; anything else the
     * rule lets through, and a body that is not a comment, the engine answers.
     */
    private void keepOthersComments(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                    Matcher changes, Authentication caller) throws ServletException, IOException {
        if ("DELETE".equalsIgnoreCase(request.getMethod())) {
            refuse(request, response, "Only administrators delete a comment on a task or a case: it is part of the"
                    + " case's record, and a colleague may have acted on it. Its author corrects it (PUT"
                    + " .../comment with its id and the new message).");
            return;
        }
        if (changes.group(3) != null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        JsonNode edit;
        try {
            edit = json.readTree(body);
        } catch (IOException notJson) {
            chain.doFilter(new BodyReadAgain(request, body), response);
            return;
        }
        boolean onATask = changes.group(1).equals("task");
        String owner = changes.group(2);
        Optional<Comment> edited = Optional.ofNullable(edit).map(node -> node.path("id"))
                .filter(JsonNode::isTextual).flatMap(id -> comment(onATask, owner, id.asText()));
        if (edited.isPresent() && !caller.getUserId().equals(edited.get().getUserId())) {
            refuse(request, response, "Only the one who wrote a comment edits it (administrators excepted): "
                    + edited.get().getUserId() + " wrote this one. Add a comment of your own instead.");
            return;
        }
        Optional<Authentication> holder = writers.apply(request).filter(who -> onATask && holdsTask.test(owner, who));
        JsonNode message = edit == null ? null : edit.path("message");
        if (edited.isEmpty() || holder.isEmpty() || !message.isTextual()) {
            chain.doFilter(new BodyReadAgain(request, body), response);
            return;
        }
        ProcessEngine engine = engines.getObject();
        AsTheApplication.runAs(engine.getIdentityService(), holder.get(), () -> {
            engine.getTaskService().updateTaskComment(owner, edited.get().getId(), message.asText());
            return null;
        });
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /** The comment of that id on the task (or the case), read as the application; empty if there is none. */
    private Optional<Comment> comment(boolean onATask, String owner, String commentId) {
        ProcessEngine engine = engines.getObject();
        TaskService tasks = engine.getTaskService();
        return AsTheApplication.run(engine.getIdentityService(), () -> onATask
                ? Optional.ofNullable(tasks.getTaskComment(owner, commentId))
                : tasks.getProcessInstanceComments(owner).stream()
                        .filter(comment -> comment.getId().equals(commentId)).findFirst());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        EngineRestRules.refuse(json, request, response, detail);
    }

    /**
     * The comments of the task (or the one {@code commentId} names), for one who may work it, as Camunda lists them
     * (no links); anyone else who reads the task's history gets the engine's answer, and {@code 404} for anyone who
     * does not, as the engine answers them the list.
     */
    private void read(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String taskId,
                      Optional<String> commentId, Authentication reader) throws ServletException, IOException {
        if (!mayWorkTask.test(taskId, reader)) {
            // The engine finds the task of a list through its history as the caller; one comment it gives anyone.
            if (commentId.isEmpty() || readsHistory(taskId, reader)) {
                chain.doFilter(request, response);
            } else {
                taskNotFound(request, response, taskId);
            }
            return;
        }
        ProcessEngine engine = engines.getObject();
        TaskService tasks = engine.getTaskService();
        if (commentId.isEmpty()) {
            List<CommentDto> comments = AsTheApplication.run(engine.getIdentityService(),
                    () -> tasks.getTaskComments(taskId)).stream().map(CommentDto::fromComment).toList();
            CamundaJson.ok(response, comments);
            return;
        }
        Comment comment = AsTheApplication.run(engine.getIdentityService(),
                () -> tasks.getTaskComment(taskId, commentId.get()));
        if (comment == null) {
            ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(ApiProblem.notFound(
                    "commentId", "no comment " + commentId.get() + " on task " + taskId, "Task comment with id "
                            + commentId.get() + " does not exist for task id '" + taskId + "'.").problemDetail()));
            return;
        }
        CamundaJson.ok(response, CommentDto.fromComment(comment));
    }

    /** The caller of a {@code GET} whose operation path matched, unless they take tasks over; empty for anyone else. */
    private Optional<Authentication> reader(HttpServletRequest request, Matcher operation) {
        return "GET".equalsIgnoreCase(request.getMethod()) && operation.matches()
                ? readers.apply(request).filter(who -> !EngineRestRules.takesTasksOver(who)) : Optional.empty();
    }

    /** Whether the engine finds the task in its history for the reader, as its REST API looks a task's notes up. */
    private boolean readsHistory(String taskId, Authentication reader) {
        ProcessEngine engine = engines.getObject();
        return AsTheApplication.runAs(engine.getIdentityService(), reader, () -> engine.getHistoryService()
                .createHistoricTaskInstanceQuery().taskId(taskId).count() > 0);
    }

    /** The engine's {@code 404} for a task the caller may not see, as it answers the list of its comments. */
    private void taskNotFound(HttpServletRequest request, HttpServletResponse response, String taskId)
            throws IOException {
        ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(ApiProblem.notFound(
                "taskId", "no task " + taskId + " that you may see", "No task found for task id " + taskId)
                .problemDetail()));
    }
}
