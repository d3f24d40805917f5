package com.followthrough.access;

import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.AsTheApplication;
import com.followthrough.SupportProperties;
import com.followthrough.api.ApiProperties;
import com.followthrough.api.DeclaredCharsetToUtf8;
import com.followthrough.api.RequestBodyLimit;
import com.followthrough.formcheck.FormFields;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * HTTP Basic against the engine's identity service for both REST APIs, in every profile. Webapps have their own
 * session login. Servlet filters run before the servlet they guard, so no request reaches Jersey
 * (/engine-rest) or Spring MVC (/api) unauthenticated.
 */
@Configuration(proxyBeanMethods = false)
public class RestAuthentication {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    private static final String ENGINE = "default";

    /**
     * Camunda's own filter on the Jersey servlet of the REST starter (@ApplicationPath "/engine-rest"), for every path
     * of it ({@link EveryEngineRestPathNeedsALogin}).
     */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(
            JerseyApplicationPath engineRestPath, ObjectMapper objectMapper) {
        var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(
                new EveryEngineRestPathNeedsALogin(objectMapper));
        registration.setName("engineRestAuthentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                PasswordCheckedBasicAuthentication.class.getName());
        registration.addUrlPatterns(engineRestPath.getUrlMapping());
        registration.setOrder(ORDER);
        return registration;
    }

    /** Inside Camunda's authentication filter, so the caller's groups are known. */
    @Bean
    FilterRegistrationBean<EngineRestRules> engineRestRules(JerseyApplicationPath engineRestPath,
            ObjectProvider<IdentityService> identityServices, ObjectProvider<ProcessEngine> engines,
            ObjectMapper objectMapper,
            @Value("${follow-through.security.deployer-groups:}") List<String> deployerGroups) {
        return registered("engineRestRules", engineRestPath.getUrlMapping(), ORDER + 1,
                new EngineRestRules(engineRestCaller(identityServices), holdsTask(engines), objectMapper,
                        deployers(deployerGroups)));
    }

    /** The webapps' engine API is Camunda's REST API for Tasklist's and Cockpit's sessions: the same rules hold. */
    @Bean
    FilterRegistrationBean<EngineRestRules> webappEngineRules(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<ProcessEngine> engines, ObjectMapper objectMapper,
            @Value("${follow-through.security.deployer-groups:}") List<String> deployerGroups) {
        return registered("webappEngineRules", webappPath + "/api/engine/*", ORDER + 1,
                new EngineRestRules(RestAuthentication::webappSessionCaller, holdsTask(engines), objectMapper,
                        deployers(deployerGroups)));
    }

    /**
     * Admin's own API: its metrics plugin ({@code /camunda/api/admin/plugin/adminPlugins/{engine}/metrics}), which
     * Camunda answers any webapp session, is the administrators' as the engine's metrics are.
     */
    @Bean
    FilterRegistrationBean<EngineRestRules> webappAdminPluginRules(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<ProcessEngine> engines, ObjectMapper objectMapper) {
        return registered("webappAdminPluginRules", webappPath + "/api/admin/plugin/*", ORDER + 1,
                new EngineRestRules(RestAuthentication::webappSessionCaller, holdsTask(engines), objectMapper,
                        List.of()));
    }

    /** Whether the caller is the assignee or the owner of the task (looked up as the application: it only reads). */
    private static BiPredicate<String, Authentication> holdsTask(ObjectProvider<ProcessEngine> engines) {
        return (taskId, caller) -> openTask(engines, taskId).filter(task -> holds(task, caller)).isPresent();
    }

    /**
     * Whether the caller may work the task: holds it, or it is offered to her (a candidate, or in one of its candidate
     * groups), as the engine grants them {@code TASK_WORK} on it.
     */
    private static BiPredicate<String, Authentication> mayWorkTask(ObjectProvider<ProcessEngine> engines) {
        return (taskId, caller) -> openTask(engines, taskId)
                .filter(task -> holds(task, caller) || offeredTo(engines.getObject(), taskId, caller)).isPresent();
    }

    private static Optional<Task> openTask(ObjectProvider<ProcessEngine> engines, String taskId) {
        ProcessEngine engine = engines.getObject();
        return Optional.ofNullable(AsTheApplication.run(engine.getIdentityService(),
                () -> engine.getTaskService().createTaskQuery().taskId(taskId).singleResult()));
    }

    private static boolean holds(Task task, Authentication caller) {
        return caller.getUserId().equals(task.getAssignee()) || caller.getUserId().equals(task.getOwner());
    }

    private static boolean offeredTo(ProcessEngine engine, String taskId, Authentication caller) {
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        return AsTheApplication.run(engine.getIdentityService(),
                () -> engine.getTaskService().getIdentityLinksForTask(taskId)).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
                .anyMatch(link -> caller.getUserId().equals(link.getUserId()) || groups.contains(link.getGroupId()));
    }

    private static List<String> deployers(List<String> deployerGroups) {
        return deployerGroups.stream().filter(group -> !group.isBlank()).toList();
    }

    /**
     * Past our rules, which refuse a deployment of someone not in the deployer groups unread, and before any filter
     * reads a body: {@code follow-through.api.max-request-size}, a deployment {@code max-deployment-size}.
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> engineRestBodyLimit(JerseyApplicationPath engineRestPath,
            ApiProperties api, ObjectMapper objectMapper) {
        return registered("engineRestBodyLimit", engineRestPath.getUrlMapping(), ORDER + 2,
                engineApiBodyLimit(api, objectMapper));
    }

    /**
     * The webapps' APIs (Tasklist's and Cockpit's engine API, Admin's and Cockpit's own) under the same limits. Camunda
     * maps its webapp filters after ours, so this holds a body before the webapps' login is checked: a caller who is
     * not signed in and sends more than the limit learns the limit before being asked to sign in.
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> webappBodyLimit(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath, ApiProperties api,
            ObjectMapper objectMapper) {
        return registered("webappBodyLimit", webappPath + "/api/*", ORDER + 2, engineApiBodyLimit(api, objectMapper));
    }

    /**
     * A JSON body in another charset than UTF-8 re-encoded, which Camunda's APIs and our filters would read as UTF-8
     * ({@link DeclaredCharsetToUtf8}), on the engine's and the webapps' APIs. At the body limit's order and declared
     * after it, so after it, and before the filters of the same order that read a body ({@link NotesOnTasks},
     * {@link EngineRestBodyErrors}).
     */
    @Bean
    FilterRegistrationBean<DeclaredCharsetToUtf8> engineRestDeclaredCharset(JerseyApplicationPath engineRestPath,
            ObjectMapper objectMapper) {
        return registered("engineRestDeclaredCharset", engineRestPath.getUrlMapping(), ORDER + 2,
                DeclaredCharsetToUtf8.forEngineApi(objectMapper));
    }

    @Bean
    FilterRegistrationBean<DeclaredCharsetToUtf8> webappDeclaredCharset(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath, ObjectMapper objectMapper) {
        return registered("webappDeclaredCharset", webappPath + "/api/*", ORDER + 2,
                DeclaredCharsetToUtf8.forEngineApi(objectMapper));
    }

    private static RequestBodyLimit engineApiBodyLimit(ApiProperties api, ObjectMapper objectMapper) {
        long requests = api.maxRequestSize().toBytes();
        long deployments = api.maxDeploymentSize().toBytes();
        return RequestBodyLimit.forEngineApi(request -> EngineRestRules.deploys(request) ? deployments : requests,
                objectMapper);
    }

    /** A page that is none ({@code maxResults=-5}) is the caller's mistake: {@code 400}, on both APIs. */
    @Bean
    FilterRegistrationBean<EngineRestPaging> engineRestPaging(JerseyApplicationPath engineRestPath,
            ObjectMapper objectMapper) {
        return registered("engineRestPaging", engineRestPath.getUrlMapping(), ORDER + 2,
                new EngineRestPaging(objectMapper));
    }

    @Bean
    FilterRegistrationBean<EngineRestPaging> webappEnginePaging(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath, ObjectMapper objectMapper) {
        return registered("webappEnginePaging", webappPath + "/api/engine/*", ORDER + 2,
                new EngineRestPaging(objectMapper));
    }

    /**
     * An agent's comment on a task she holds, and the comments of a task she may work, which the engine's REST API
     * would not find, and one attachment by its id only for whoever may see the task ({@link NotesOnTasks}), on
     * both APIs; on the webapps' a comment is added only with the session's CSRF token (it changes the task), as
     * {@link QueueTasksGoBack}.
     */
    @Bean
    FilterRegistrationBean<NotesOnTasks> engineRestNotesOnTasks(JerseyApplicationPath engineRestPath,
            ObjectProvider<ProcessEngine> engines, ObjectProvider<IdentityService> identityServices,
            ObjectMapper objectMapper) {
        return registered("engineRestNotesOnTasks", engineRestPath.getUrlMapping(), ORDER + 2,
                new NotesOnTasks(engines, engineRestCaller(identityServices),
                        engineRestCaller(identityServices), holdsTask(engines), mayWorkTask(engines), objectMapper));
    }

    @Bean
    FilterRegistrationBean<NotesOnTasks> webappNotesOnTasks(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<ProcessEngine> engines, ObjectMapper objectMapper) {
        return registered("webappNotesOnTasks", webappPath + "/api/engine/*", ORDER + 2,
                new NotesOnTasks(engines, RestAuthentication::webappSessionCaller, request -> {
                    HttpSession session = request.getSession(false);
                    return session != null && ApiAuthenticationFilter.carriesSessionCsrfToken(request, session)
                            ? webappSessionCaller(request) : Optional.empty();
                }, holdsTask(engines), mayWorkTask(engines), objectMapper));
    }

    /**
     * A task's user-operation log (Tasklist's History tab: who claimed, assigned or changed it) for whoever may work
     * the task, which the engine shows only to those who read every case's history ({@link OperationLogOfTasks}), on
     * both APIs. It only reads, so it reads the webapps' caller from the session.
     */
    @Bean
    FilterRegistrationBean<OperationLogOfTasks> engineRestOperationLogOfTasks(JerseyApplicationPath engineRestPath,
            ObjectProvider<ProcessEngine> engines, ObjectProvider<IdentityService> identityServices) {
        return registered("engineRestOperationLogOfTasks", engineRestPath.getUrlMapping(), ORDER + 2,
                new OperationLogOfTasks(engines, engineRestCaller(identityServices), mayWorkTask(engines)));
    }

    @Bean
    FilterRegistrationBean<OperationLogOfTasks> webappOperationLogOfTasks(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<ProcessEngine> engines) {
        return registered("webappOperationLogOfTasks", webappPath + "/api/engine/*", ORDER + 2,
                new OperationLogOfTasks(engines, RestAuthentication::webappSessionCaller, mayWorkTask(engines)));
    }

    /**
     * A body value of the wrong type, which the engine refused naming its Java classes: {@code 400} naming the field
     * ({@link EngineRestBodyErrors}), on both APIs.
     */
    @Bean
    FilterRegistrationBean<EngineRestBodyErrors> engineRestBodyErrors(JerseyApplicationPath engineRestPath,
            ObjectMapper objectMapper) {
        return registered("engineRestBodyErrors", engineRestPath.getUrlMapping(), ORDER + 2,
                new EngineRestBodyErrors(objectMapper));
    }

    @Bean
    FilterRegistrationBean<EngineRestBodyErrors> webappEngineBodyErrors(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath, ObjectMapper objectMapper) {
        return registered("webappEngineBodyErrors", webappPath + "/api/engine/*", ORDER + 2,
                new EngineRestBodyErrors(objectMapper));
    }

    /**
     * A colleague completes a task someone else holds: {@code 409} naming the holder ({@link ClaimedTasksStayTheirs}),
     * on both APIs; an agent claims a task for someone else or for nobody: {@code 403}. It changes nothing, so it
     * reads the webapps' caller from the session; after the body's limit, as it reads a claim's body. Before the
     * filters that read or answer what a submission sent ({@link FormFieldsOnly}): a colleague learns first that the
     * task is not theirs, not which of her variables the form has no field for.
     */
    @Bean
    FilterRegistrationBean<ClaimedTasksStayTheirs> engineRestClaimedTasksStayTheirs(
            JerseyApplicationPath engineRestPath, ObjectProvider<ProcessEngine> engines,
            ObjectProvider<IdentityService> identityServices, ObjectMapper objectMapper) {
        return registered("engineRestClaimedTasksStayTheirs", engineRestPath.getUrlMapping(), ORDER + 3,
                new ClaimedTasksStayTheirs(engines, engineRestCaller(identityServices), objectMapper));
    }

    @Bean
    FilterRegistrationBean<ClaimedTasksStayTheirs> webappClaimedTasksStayTheirs(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<ProcessEngine> engines, ObjectMapper objectMapper) {
        return registered("webappClaimedTasksStayTheirs", webappPath + "/api/engine/*", ORDER + 3,
                new ClaimedTasksStayTheirs(engines, RestAuthentication::webappSessionCaller, objectMapper));
    }

    /**
     * After Camunda's authentication filter, which has set the caller's engine identity, the body's limit and
     * {@link ClaimedTasksStayTheirs}.
     */
    @Bean
    FilterRegistrationBean<FormFieldsOnly> engineRestFormFieldsOnly(JerseyApplicationPath engineRestPath,
            ObjectProvider<ProcessEngine> engines, ObjectProvider<FormFields> formFields,
            ObjectProvider<IdentityService> identityServices, ObjectMapper objectMapper) {
        return registered("engineRestFormFieldsOnly", engineRestPath.getUrlMapping(), ORDER + 4,
                new FormFieldsOnly(engines, formFields, engineRestCaller(identityServices), objectMapper));
    }

    /**
     * The webapps' engine API, which Tasklist submits forms to. Camunda maps its webapp filters after every filter of
     * ours (match after), so the caller is read from the session here, as Camunda's authentication filter reads it.
     */
    @Bean
    FilterRegistrationBean<FormFieldsOnly> webappFormFieldsOnly(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<ProcessEngine> engines, ObjectProvider<FormFields> formFields,
            ObjectMapper objectMapper) {
        return registered("webappFormFieldsOnly", webappPath + "/api/engine/*", ORDER + 4,
                new FormFieldsOnly(engines, formFields, RestAuthentication::webappSessionCaller, objectMapper));
    }

    /**
     * An assignee gives a task she took from a queue back there, which the engine's grants would not let her do
     * ({@link QueueTasksGoBack}), on both APIs. Unlike the refusals above it changes the task, so on the webapps' API
     * it acts only for a request with the session's CSRF token; any other is left to Camunda's own filters.
     */
    @Bean
    FilterRegistrationBean<QueueTasksGoBack> engineRestQueueTasksGoBack(JerseyApplicationPath engineRestPath,
            ObjectProvider<ProcessEngine> engines, ObjectProvider<IdentityService> identityServices,
            ObjectProvider<PlatformTransactionManager> transactions, ObjectMapper objectMapper) {
        return registered("engineRestQueueTasksGoBack", engineRestPath.getUrlMapping(), ORDER + 5,
                new QueueTasksGoBack(engines, transactions, engineRestCaller(identityServices), objectMapper));
    }

    @Bean
    FilterRegistrationBean<QueueTasksGoBack> webappQueueTasksGoBack(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<ProcessEngine> engines, ObjectProvider<PlatformTransactionManager> transactions,
            ObjectMapper objectMapper) {
        return registered("webappQueueTasksGoBack", webappPath + "/api/engine/*", ORDER + 5,
                new QueueTasksGoBack(engines, transactions, request -> {
                    HttpSession session = request.getSession(false);
                    return session != null && ApiAuthenticationFilter.carriesSessionCsrfToken(request, session)
                            ? webappSessionCaller(request) : Optional.empty();
                }, objectMapper));
    }

    /**
     * An action on a task that a colleague completed or the process withdrew meanwhile: {@code 409} saying so, a task
     * that never existed {@code 404} ({@link TaskGoneMeanwhile}), on both APIs. It changes nothing, so it reads the
     * webapps' caller from the session.
     */
    @Bean
    FilterRegistrationBean<TaskGoneMeanwhile> engineRestTaskGoneMeanwhile(JerseyApplicationPath engineRestPath,
            ObjectProvider<ProcessEngine> engines, ObjectProvider<IdentityService> identityServices,
            ObjectMapper objectMapper, SupportProperties properties) {
        return registered("engineRestTaskGoneMeanwhile", engineRestPath.getUrlMapping(), ORDER + 6,
                new TaskGoneMeanwhile(engines, engineRestCaller(identityServices), objectMapper,
                        properties.support().timeZone()));
    }

    @Bean
    FilterRegistrationBean<TaskGoneMeanwhile> webappTaskGoneMeanwhile(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<ProcessEngine> engines, ObjectMapper objectMapper, SupportProperties properties) {
        return registered("webappTaskGoneMeanwhile", webappPath + "/api/engine/*", ORDER + 6,
                new TaskGoneMeanwhile(engines, RestAuthentication::webappSessionCaller, objectMapper,
                        properties.support().timeZone()));
    }

    @Bean
    FilterRegistrationBean<PasswordlessUsersStayOut> webappLoginWithoutPassword(
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath,
            ObjectProvider<IdentityService> identityServices) {
        return registered("webappLoginWithoutPassword", webappPath + "/api/admin/auth/user/*", ORDER,
                new PasswordlessUsersStayOut(webappPath, identityServices));
    }

    /** The caller Camunda's authentication filter of {@code /engine-rest} has signed in, with their groups. */
    private static Function<HttpServletRequest, Optional<Authentication>> engineRestCaller(
            ObjectProvider<IdentityService> identityServices) {
        return request -> Optional.ofNullable(identityServices.getObject().getCurrentAuthentication());
    }

    private static Optional<Authentication> webappSessionCaller(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Authentications signedIn = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        return Optional.ofNullable(signedIn == null ? null : signedIn.getAuthenticationForProcessEngine(ENGINE))
                .filter(UserAuthentication.class::isInstance).map(UserAuthentication.class::cast)
                .map(user -> new Authentication(user.getName(),
                        user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds())));
    }

    /** The intake endpoints run as the application for intake systems ({@link IntakeEndpoint}). */
    @Bean
    WebMvcConfigurer intakeAsTheApplication(ObjectProvider<IdentityService> identityServices) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new IntakeAsTheApplication(identityServices)).addPathPatterns("/api/**");
            }
        };
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(
            ObjectProvider<ProcessEngine> engines, ObjectMapper objectMapper) {
        return registered("apiAuthentication", "/api/*", ORDER, new ApiAuthenticationFilter(engines, objectMapper));
    }

    /** A filter of ours at {@code order} (after {@link #ORDER}) on {@code urlPattern}, under {@code name}. */
    private static <F extends Filter> FilterRegistrationBean<F> registered(String name, String urlPattern, int order,
                                                                           F filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.addUrlPatterns(urlPattern);
        registration.setOrder(order);
        return registration;
    }
}
