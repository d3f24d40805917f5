package com.followthrough.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.api.ProblemResponse;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * HTTP Basic for our own API, checked against the engine's identity service; also the Camunda webapp session (a
 * user signed in to Cockpit): for GET requests as it is, for changes only with the webapps' CSRF token. The request
 * runs as that user
 * (engine authorizations apply, {@link HttpServletRequest#getUserPrincipal()} names the user); anything else
 * gets 401 with a problem detail. One endpoint is for customers, who have no login: answering the satisfaction
 * survey, which the token from the survey link guards instead.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    static final String REALM = "Follow-Through";
    private static final String ENGINE = "default";

    /** {@code POST /api/cases/{reference}/satisfaction}, see {@code feedback.SatisfactionController}. */
    private static final Pattern SURVEY_ANSWER = Pattern.compile("/api/cases/[A-Za-z0-9-]{1,32}/satisfaction");

    private final ObjectProvider<ProcessEngine> engines;
    private final ObjectMapper objectMapper;

    /**
     * Takes the engine lazily: servlet filters are created when the web server starts, and asking for the engine
     * then would build it before Flyway has migrated our tables.
     */
    public ApiAuthenticationFilter(ObjectProvider<ProcessEngine> engines, ObjectMapper objectMapper) {
        this.engines = engines;
        this.objectMapper = objectMapper;
    }

    /**
     * Only this exact path and method: the raw request URI must equal the path the servlet sees, so that no encoded
     * character, path parameter or dot segment can make another endpoint look like the survey.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return "POST".equals(request.getMethod()) && SURVEY_ANSWER.matcher(path).matches()
                && request.getRequestURI().equals(request.getContextPath() + path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProcessEngine engine = engines.getObject();
        IdentityService identityService = engine.getIdentityService();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<String> user = authorization == null ? webappSessionUser(request)
                : BasicCredentials.fromHeader(authorization)
                        .filter(credentials -> credentials.match(identityService))
                        .map(BasicCredentials::userId);
        if (user.isEmpty()) {
            challenge(request, response);
            return;
        }
        String userId = user.get();
        // The caller's tenants only matter to the engine's tenant check, which is off (docs/security.md, One tenant).
        identityService.setAuthentication(userId, groupsOf(identityService, userId),
                engine.getProcessEngineConfiguration().isTenantCheckEnabled() ? tenantsOf(identityService, userId) : null);
        try {
            chain.doFilter(new AuthenticatedRequest(request, userId), response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /**
     * The user signed in to Camunda's webapps (Cockpit) in this session, so a Cockpit plugin can call our API from
     * the browser. A change (anything but GET) must also carry the session's CSRF token in {@code X-XSRF-TOKEN}, as
     * Cockpit's own requests do: another site can make a signed-in browser send a request, but cannot read the token
     * to send with it. The groups are read afresh from the identity service.
     */
    private static Optional<String> webappSessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !("GET".equals(request.getMethod()) || carriesSessionCsrfToken(request, session))) {
            return Optional.empty();
        }
        Authentications signedIn = AuthenticationUtil.getAuthsFromSession(session);
        return Optional.ofNullable(signedIn == null ? null : signedIn.getAuthenticationForProcessEngine(ENGINE))
                .map(Authentication::getIdentityId);
    }

    static boolean carriesSessionCsrfToken(HttpServletRequest request, HttpSession session) {
        Object expected = session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return expected instanceof String token && !token.isEmpty() && sent != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> groupsOf(IdentityService identityService, String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    private static List<String> tenantsOf(IdentityService identityService, String userId) {
        return identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
                .map(Tenant::getId).toList();
    }

    /** The answer to a caller who is not signed in, on {@code /api} and {@code /engine-rest}. */
    static ProblemDetail signInFirst() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
                "Sign in with your Follow-Through user id and password (HTTP Basic).");
        problem.setTitle(HttpStatus.UNAUTHORIZED.getReasonPhrase());
        return problem;
    }

    private void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemDetail problem = signInFirst();
        // A script (our Cockpit plugins, after the session ran out) handles the 401 itself: a Basic challenge would
        // make the browser pop up its own login box.
        if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        }
        ProblemResponse.write(request, response, objectMapper, problem);
    }

    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

        private final String userId;

        AuthenticatedRequest(HttpServletRequest request, String userId) {
            super(request);
            this.userId = userId;
        }

        @Override
        public String getRemoteUser() {
            return userId;
        }

        @Override
        public Principal getUserPrincipal() {
            return () -> userId;
        }

        @Override
        public String getAuthType() {
            return HttpServletRequest.BASIC_AUTH;
        }
    }
}
