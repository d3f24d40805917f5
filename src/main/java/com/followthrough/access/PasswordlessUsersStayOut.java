package com.followthrough.access;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import com.followthrough.api.BodyReadAgain;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The webapps' login ({@code POST …/api/admin/auth/user/{engine}/login/{app}}) for a user saved without a password:
 * Camunda's check fails on the missing hash and answered 500. It gets the 401 of a wrong password, with the same empty
 * body, so the answer does not tell that the user exists. The APIs check such a user in {@link BasicCredentials#match}.
 */
class PasswordlessUsersStayOut extends OncePerRequestFilter {

    /** A login form is a user name and a password; anything beyond is not read (Camunda's login then refuses it). */
    private static final int MAX_FORM = 16 * 1024;
    private static final Pattern LOGIN = Pattern.compile("/api/admin/auth/user/[^/]+/login/[^/]+");

    private final String webappPath;
    private final ObjectProvider<IdentityService> identityServices;

    PasswordlessUsersStayOut(String webappPath, ObjectProvider<IdentityService> identityServices) {
        this.webappPath = webappPath;
        this.identityServices = identityServices;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !path.startsWith(webappPath)
                || !LOGIN.matcher(path.substring(webappPath.length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // Read from a copy of the form, so Camunda's login reads the body as sent (parameters would consume it).
        byte[] form = request.getInputStream().readNBytes(MAX_FORM);
        String username = UriComponentsBuilder.newInstance().query(new String(form, StandardCharsets.ISO_8859_1))
                .build().getQueryParams().getFirst("username");
        username = username == null ? null : URLDecoder.decode(username, StandardCharsets.UTF_8);
        if (username != null && !username.isBlank()
                && BasicCredentials.savedWithoutPassword(identityServices.getObject(), username)) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        chain.doFilter(new BodyReadAgain(request, form), response);
    }
}
