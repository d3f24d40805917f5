package com.followthrough.access;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.history.UserOperationLogQuery;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.dto.CountResultDto;
import org.camunda.bpm.engine.rest.dto.history.UserOperationLogEntryDto;
import org.camunda.bpm.engine.rest.dto.history.UserOperationLogQueryDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

import com.followthrough.AsTheApplication;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MultivaluedHashMap;

/**
 * Tasklist's History tab shows who did what to a task ("anna claimed", "maria changed the due date") from the engine's
 * user-operation log: {@code GET .../history/user-operation?taskId=...&maxResults=50&firstResult=0} and its
 * {@code /count}. The engine shows an entry only to who may read the history of every case of its model, or the whole
 * operation log: supervisors, analysts, administrators. An agent saw nothing there on a task she works. Here whoever
 * may work the task (holds it, or it is offered to her) reads its entries as Camunda lists them, with the page and
 * the order asked. Only that query: one that leaves the task out or names anything else besides (a case, an operation,
 * a user) is the engine's to answer, as is anyone's who may not work the task, and a supervisor's or an
 * administrator's, whom the engine answers from their grants.
 */
class OperationLogOfTasks extends OncePerRequestFilter {

    private static final Pattern READS_THE_LOG = Pattern.compile("/history/user-operation(/count)?");
    /** What the History tab sends, and the order the REST API offers. */
    private static final Set<String> A_TASKS_LOG = Set.of("taskId", "firstResult", "maxResults", "sortBy",
            "sortOrder");

    private final ObjectProvider<ProcessEngine> engines;
    private final Function<HttpServletRequest, Optional<Authentication>> readers;
    private final BiPredicate<String, Authentication> mayWorkTask;

    /**
     * @param readers     the caller of a request
     * @param mayWorkTask whether she holds the task of that id, or it is offered to her (a candidate, or in a
     *                    candidate group)
     */
    OperationLogOfTasks(ObjectProvider<ProcessEngine> engines,
                        Function<HttpServletRequest, Optional<Authentication>> readers,
                        BiPredicate<String, Authentication> mayWorkTask) {
        this.engines = engines;
        this.readers = readers;
        this.mayWorkTask = mayWorkTask;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher reads = READS_THE_LOG.matcher(EngineRestRules.operationPath(request));
        Optional<String> task = "GET".equalsIgnoreCase(request.getMethod()) && reads.matches()
                ? aTasksLog(request.getParameterMap()) : Optional.empty();
        if (task.isEmpty() || readers.apply(request).filter(who -> !EngineRestRules.takesTasksOver(who))
                .filter(who -> mayWorkTask.test(task.get(), who)).isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        ProcessEngine engine = engines.getObject();
        UserOperationLogQuery query;
        Integer firstResult;
        Integer maxResults;
        try {
            MultivaluedHashMap<String, String> parameters = new MultivaluedHashMap<>();
            request.getParameterMap().forEach((name, values) -> parameters.addAll(name, values));
            query = new UserOperationLogQueryDto(CamundaJson.MAPPER, parameters).toQuery(engine);
            firstResult = page(request, "firstResult");
            maxResults = page(request, "maxResults");
        } catch (RestException | IllegalArgumentException invalid) {
            // A sort or page the REST API refuses: it answers, naming what is wrong, as it answers everyone.
            chain.doFilter(request, response);
            return;
        }
        if (reads.group(1) != null) {
            CamundaJson.ok(response, new CountResultDto(AsTheApplication.run(engine.getIdentityService(), query::count)));
            return;
        }
        List<UserOperationLogEntry> entries = AsTheApplication.run(engine.getIdentityService(),
                () -> firstResult == null && maxResults == null ? query.list() : query.listPage(
                        firstResult == null ? 0 : firstResult, maxResults == null ? Integer.MAX_VALUE : maxResults));
        CamundaJson.ok(response, UserOperationLogEntryDto.map(entries));
    }

    /** The task whose log the parameters ask for, if they ask for one task's log and nothing else. */
    private static Optional<String> aTasksLog(Map<String, String[]> parameters) {
        String[] task = parameters.get("taskId");
        boolean oneTasksLog = task != null && A_TASKS_LOG.containsAll(parameters.keySet())
                && parameters.values().stream().allMatch(values -> values.length == 1);
        return oneTasksLog && !task[0].isBlank() ? Optional.of(task[0]) : Optional.empty();
    }

    /** A page parameter as the REST API reads it: none, or a whole number from 0. */
    private static Integer page(HttpServletRequest request, String parameter) {
        String value = request.getParameter(parameter);
        if (value == null) {
            return null;
        }
        int page = Integer.parseInt(value);
        if (page < 0) {
            throw new IllegalArgumentException(parameter + " " + page);
        }
        return page;
    }
}
