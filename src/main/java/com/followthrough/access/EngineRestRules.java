package com.followthrough.access;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.dto.CountResultDto;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.api.ProblemResponse;
import com.followthrough.organization.SupportGroups;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Operations of {@code /engine-rest} that engine authorizations cannot narrow enough, kept to named groups:
 * <ul>
 * <li>throwing a BPMN error or escalation from a task steers the case past its forms (an agent's TASK_WORK would
 * allow it): administrators only, in every profile;</li>
 * <li>correlating a message, throwing a signal or evaluating conditions starts a case past its start form (a
 * message start needs only the CREATE_INSTANCE an agent has to open a case from the start form) or moves one past
 * its forms, and restarting a closed case sets it going again at any step with its old variables: administrators
 * only, in every profile; the intake API and our own code do these through the Java API;</li>
 * <li>adding a comment or an attachment to a task, or removing an attachment, the engine checks only by whether the
 * caller may read the task's history, which analysts may (read only): supervisors and administrators only, who may
 * work any task, and a comment also the one who holds the task (its assignee or owner: Tasklist's "Add comment"),
 * which {@link NotesOnTasks} adds; editing a comment is its author's and deleting one the administrators', which
 * {@link NotesOnTasks} keeps, as it reads who wrote it;</li>
 * <li>a deployment is code the engine runs (expressions, listeners), so whoever deploys can act as the engine:
 * with {@code follow-through.security.deployer-groups} set (the production profile), only those groups deploy,
 * whatever grants someone adds in Admin;</li>
 * <li>the engine's usage metrics (how many cases were opened and how many people worked tasks, each quarter hour
 * with the address of the node that counted them) and its history cleanup (its job, failure and schedule), which
 * the engine answers anyone signed in, also the intake system: administrators only, who read them in Admin's
 * System pages (its metrics plugin, {@code /camunda/api/admin/plugin/adminPlugins/{engine}/metrics}, too);</li>
 * <li>the directory (users with their e-mail addresses, groups): the intake system, an outside system, reads none of
 * it; the engine showed it its own profile and group, which it has no use for. Staff read their colleagues' names
 * and groups by their grants ({@code organization.GroupAuthorizations}), as Tasklist shows them;</li>
 * <li>jobs and their log: the engine checks no grant on a job of no case (the history cleanup's), so it showed that
 * job, its failure and its log (with the host name of the node that ran it) to anyone signed in. They are read by
 * who follows jobs in Cockpit (supervisors, analysts) and administrators; anyone else, who holds no grant on a case
 * and so is shown no case's job either, gets an empty list (a count of 0) and a {@code 404} for a job by its id;</li>
 * <li>verifying a password ({@code identity/verify}) checks any user's, past the login's defences, and a wrong one
 * counts toward that user's lockout (the engine asks only for READ on the user, which staff hold on their
 * colleagues): administrators only; no webapp calls it, not even for one's own password;</li>
 * <li>changing or running a job (its due date, retries, priority, suspension): the engine checks no grant on a job
 * of no case (the history cleanup's), so anyone signed in could put it off for good or run it now; nobody but the
 * administrators holds the grant a case's job needs, so the rule takes nothing else from anyone: administrators
 * only;</li>
 * <li>deleting a user: Camunda gives every user ALL on their own user, so anyone could delete themselves and leave
 * their open tasks with someone who signs in nowhere, before a supervisor handed them over: administrators only
 * (their own profile and password stay theirs to change);</li>
 * <li>deleting a deployment with {@code cascade}: the engine lets whoever made a deployment delete it (designers
 * outside production, the delivery pipeline), and with cascade every case running on it goes too, which no role but
 * the administrators may do: administrators only; a deployment no case runs on is deleted without it.</li>
 * </ul>
 * The same rules hold on the webapps' engine API ({@code /camunda/api/engine}), which is Camunda's REST API for a
 * signed-in session: Tasklist's users reach every operation there that {@code /engine-rest} offers.
 */
class EngineRestRules extends OncePerRequestFilter {

    private static final Pattern STEERS_PAST_FORMS = Pattern.compile("/task/[^/]+/bpmn(Error|Escalation)");
    private static final Pattern EVENTS_AND_RESTARTS =
            Pattern.compile("/(message|signal|condition)|/process-definition/[^/]+/restart(-async)?");
    private static final Pattern ADDS_NOTES = Pattern.compile("/task/[^/]+/(comment|attachment)/create");
    private static final Pattern ADDS_A_COMMENT = Pattern.compile("/task/([^/]+)/comment/create");
    private static final Pattern AN_ATTACHMENT = Pattern.compile("/task/[^/]+/attachment/[^/]+");
    private static final Pattern NAMED_ENGINE = Pattern.compile("^/engine/[^/]+(?=/)");
    private static final Pattern DEPLOYS = Pattern.compile("/deployment/(create|[^/]+/redeploy)");
    private static final Pattern ENGINE_USAGE_AND_CLEANUP =
            Pattern.compile("/metrics(/.*)?|/history/cleanup(/.*)?|/plugin/adminPlugins/[^/]+/metrics(/.*)?");
    private static final Pattern DIRECTORY = Pattern.compile("/(user|group)(/.*)?|/identity/groups");
    private static final Pattern VERIFIES_A_PASSWORD = Pattern.compile("/identity/verify");
    private static final Pattern JOB_LISTS = Pattern.compile("/job|/history/job-log");
    private static final Pattern JOB_COUNTS = Pattern.compile("/job/count|/history/job-log/count");
    private static final Pattern A_JOB = Pattern.compile("/(?:job|history/job-log)/([^/]+)(/stacktrace)?");
    private static final Pattern CHANGES_JOBS = Pattern.compile("/job/(?!count$)[^/]+(/.*)?");
    private static final Pattern A_USER = Pattern.compile("/user/[^/]+");
    private static final Pattern A_DEPLOYMENT = Pattern.compile("/deployment/[^/]+");
    static final Set<String> ADMINISTRATORS = Set.of("camunda-admin");
    private static final Set<String> FOLLOW_JOBS =
            Set.of("camunda-admin", SupportGroups.SUPERVISORS, SupportGroups.ANALYSTS);

    /** Whether the caller is an administrator, who may do anything. */
    static boolean administers(Authentication caller) {
        return caller.getGroupIds() != null && caller.getGroupIds().stream().anyMatch(ADMINISTRATORS::contains);
    }

    /**
     * Whether the caller may take any task over (a supervisor) or do anything (an administrator): the engine's grants
     * decide for them where the filters that keep a task with the one who holds it step in for everyone else.
     */
    static boolean takesTasksOver(Authentication caller) {
        return administers(caller)
                || caller.getGroupIds() != null && caller.getGroupIds().contains(SupportGroups.SUPERVISORS);
    }

    /**
     * The caller of a {@code POST} whose operation path {@code operation} matched, unless they take tasks over
     * ({@link #takesTasksOver}): the one the filters that keep a task with its holder check; empty for anyone else.
     */
    static Optional<Authentication> agentPosting(HttpServletRequest request, Matcher operation,
                                                 Function<HttpServletRequest, Optional<Authentication>> callers) {
        return "POST".equalsIgnoreCase(request.getMethod()) && operation.matches()
                ? callers.apply(request).filter(who -> !takesTasksOver(who)) : Optional.empty();
    }

    private final Function<HttpServletRequest, Optional<Authentication>> callers;
    private final BiPredicate<String, Authentication> holdsTask;
    private final ObjectMapper json;
    private final List<String> deployerGroups;

    /**
     * @param callers   the signed-in caller, with their groups; empty when nobody is signed in, who is refused what
     *                  these rules keep to named groups
     * @param holdsTask whether the caller is the assignee or the owner of the task of that id
     */
    EngineRestRules(Function<HttpServletRequest, Optional<Authentication>> callers,
                    BiPredicate<String, Authentication> holdsTask, ObjectMapper json, List<String> deployerGroups) {
        this.callers = callers;
        this.holdsTask = holdsTask;
        this.json = json;
        this.deployerGroups = deployerGroups;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String operation = operationPath(request);
        boolean changesNotes = "POST".equalsIgnoreCase(request.getMethod()) && ADDS_NOTES.matcher(operation).matches()
                || "DELETE".equalsIgnoreCase(request.getMethod()) && AN_ATTACHMENT.matcher(operation).matches();
        if (changesNotes && callers.apply(request).filter(EngineRestRules::takesTasksOver).isEmpty()
                && !commentsOnTheTaskTheyHold(request, operation)) {
            refuse(request, response, "Only supervisors and administrators add comments or attachments to a task, or"
                    + " remove an attachment, through the REST API; an agent comments on a task she holds, and records"
                    + " her work through the task's form.");
            return;
        }
        // Nobody signed in: Camunda's filters ask them to sign in (401), as for every other read.
        if (ENGINE_USAGE_AND_CLEANUP.matcher(operation).matches() && signedInButNoAdministrator(request)) {
            refuse(request, response, "Only administrators read the engine's usage metrics and its history cleanup"
                    + " (Admin, System); the team's numbers are in Cockpit's insights (GET /api/insights).");
            return;
        }
        if (VERIFIES_A_PASSWORD.matcher(operation).matches() && signedInButNoAdministrator(request)) {
            refuse(request, response, "Only administrators verify a password through the REST API (identity/verify);"
                    + " everyone else signs in with their own, and nobody's is checked here.");
            return;
        }
        if (DIRECTORY.matcher(operation).matches() && callerIsIn(request, Set.of(SupportGroups.INTEGRATIONS))
                && !callerIsIn(request, ADMINISTRATORS)) {
            refuse(request, response, "The intake system reads no users or groups; the intake endpoints of /api"
                    + " answer it about its cases.");
            return;
        }
        if (readsJobs(request, operation) && callers.apply(request).isPresent()
                && !callerIsIn(request, FOLLOW_JOBS)) {
            answerNoJob(request, response, operation);
            return;
        }
        if (Set.of("PUT", "POST", "DELETE").contains(request.getMethod()) && CHANGES_JOBS.matcher(operation).matches()
                && signedInButNoAdministrator(request)) {
            refuse(request, response, "Only administrators change or run a job through the REST API (its due date,"
                    + " retries, priority or suspension, or running it now); the engine runs each at its time.");
            return;
        }
        if (deletesTheCasesOfADeployment(request, operation) && signedInButNoAdministrator(request)) {
            refuse(request, response, "Only administrators delete a deployment with the cases running on it"
                    + " (cascade): that cancels customers' cases. A deployment no case runs on is deleted without it.");
            return;
        }
        if ("DELETE".equalsIgnoreCase(request.getMethod()) && A_USER.matcher(operation).matches()
                && signedInButNoAdministrator(request)) {
            refuse(request, response, "Only administrators delete a user (Admin), once a supervisor has handed their"
                    + " open tasks over; everyone keeps their own profile and password.");
            return;
        }
        if ("POST".equalsIgnoreCase(request.getMethod())) {
            if (STEERS_PAST_FORMS.matcher(operation).matches() && !callerIsIn(request, ADMINISTRATORS)) {
                refuse(request, response, "Only administrators throw BPMN errors or escalations through the REST API;"
                        + " agents finish their tasks through the task's form.");
                return;
            }
            if (EVENTS_AND_RESTARTS.matcher(operation).matches() && !callerIsIn(request, ADMINISTRATORS)) {
                refuse(request, response, "Only administrators correlate messages, throw signals, evaluate conditions"
                        + " or restart processes through the REST API; a case is opened from its start form or"
                        + " POST /api/cases, and moves on through its tasks' forms.");
                return;
            }
            if (!deployerGroups.isEmpty() && DEPLOYS.matcher(operation).matches()
                    && !callerIsIn(request, Set.copyOf(deployerGroups))) {
                refuse(request, response, "Deployments are made by " + String.join(" or ", deployerGroups)
                        + " here (follow-through.security.deployer-groups).");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean deletesTheCasesOfADeployment(HttpServletRequest request, String operation) {
        String[] cascade = request.getParameterValues("cascade");
        return "DELETE".equalsIgnoreCase(request.getMethod()) && A_DEPLOYMENT.matcher(operation).matches()
                && cascade != null && Arrays.stream(cascade).anyMatch("true"::equalsIgnoreCase);
    }

    /** A query of jobs or of their log ({@code GET}, or {@code POST} with the query in the body), or a job read. */
    private static boolean readsJobs(HttpServletRequest request, String operation) {
        boolean query = JOB_LISTS.matcher(operation).matches() || JOB_COUNTS.matcher(operation).matches();
        return "GET".equalsIgnoreCase(request.getMethod()) && (query || A_JOB.matcher(operation).matches())
                || "POST".equalsIgnoreCase(request.getMethod()) && query;
    }

    /** What the engine answers a caller it shows no job: an empty list, a count of 0, a job that does not exist. */
    private void answerNoJob(HttpServletRequest request, HttpServletResponse response, String operation)
            throws IOException {
        Matcher job = A_JOB.matcher(operation);
        if (!JOB_COUNTS.matcher(operation).matches() && job.matches()) {
            ProblemResponse.write(request, response, json, ProblemResponse.withCamundaMessage(
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                            (operation.startsWith("/history") ? "Historic job log with id " : "Job with id ")
                                    + job.group(1) + " does not exist")));
            return;
        }
        CamundaJson.ok(response, JOB_COUNTS.matcher(operation).matches() ? new CountResultDto(0) : List.of());
    }

    private boolean commentsOnTheTaskTheyHold(HttpServletRequest request, String operation) {
        Matcher comment = ADDS_A_COMMENT.matcher(operation);
        return "POST".equalsIgnoreCase(request.getMethod()) && comment.matches()
                && callers.apply(request).filter(who -> holdsTask.test(comment.group(1), who)).isPresent();
    }

    /** Whether the request deploys (creates or redeploys a deployment), in any spelling of its path. */
    static boolean deploys(HttpServletRequest request) {
        return "POST".equalsIgnoreCase(request.getMethod()) && DEPLOYS.matcher(operationPath(request)).matches();
    }

    /**
     * The operation's path below {@code /engine-rest} as Jersey matches it: percent-decoded, without path parameters
     * ({@code ;x=y}), repeated or trailing slashes, and without the engine's name ({@code /engine/default/task/...} is
     * {@code /task/...} of that engine), so no spelling of a path slips past the patterns.
     */
    static String operationPath(HttpServletRequest request) {
        String raw = request.getRequestURI().substring(request.getContextPath().length() + request.getServletPath().length())
                .replaceAll(";[^/]*", "");
        String decoded;
        try {
            decoded = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            decoded = raw;
        }
        String path = decoded.replaceAll("/{2,}", "/");
        path = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return NAMED_ENGINE.matcher(path).replaceFirst("");
    }

    /** Someone signed in who is not an administrator; nobody signed in is asked to sign in (401) by Camunda's filters. */
    private boolean signedInButNoAdministrator(HttpServletRequest request) {
        return callers.apply(request).filter(caller -> !administers(caller)).isPresent();
    }

    private boolean callerIsIn(HttpServletRequest request, Set<String> groups) {
        return callers.apply(request).map(Authentication::getGroupIds)
                .filter(ids -> ids.stream().anyMatch(groups::contains)).isPresent();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        refuse(json, request, response, detail);
    }

    /** {@code 403} with a problem detail naming the rule, and Camunda's {@code message}, which Tasklist shows. */
    static void refuse(ObjectMapper json, HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        ProblemResponse.write(request, response, json,
                ProblemResponse.withCamundaMessage(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail)));
    }
}
