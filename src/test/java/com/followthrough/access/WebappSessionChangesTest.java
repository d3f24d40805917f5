package com.followthrough.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.followthrough.FollowThroughSpringTest;

/**
 * A Cockpit plugin changes something (a supervisor marks an agent absent) with the signed-in user's webapp session
 * only when the request carries the session's CSRF token, as Cockpit's own requests do; reading needs no token.
 */
@FollowThroughSpringTest
class WebappSessionChangesTest {

    private static final String TOKEN = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";

    @Autowired ProcessEngine engine;
    @Autowired ObjectMapper objectMapper;

    @Test
    void aChangeWithTheSessionsCsrfTokenRunsAsTheSignedInUser() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = send(signedInAs("maria", "PUT", TOKEN), chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(((jakarta.servlet.http.HttpServletRequest) chain.getRequest()).getUserPrincipal().getName())
                .isEqualTo("maria");
    }

    @Test
    void aChangeWithoutTheTokenOrWithAnotherIsUnauthorizedAndGoesNoFurther() throws Exception {
        for (String sent : new String[] {null, "", TOKEN.toLowerCase(), TOKEN + "0"}) {
            MockFilterChain chain = new MockFilterChain();
            MockHttpServletResponse response = send(signedInAs("maria", "PUT", sent), chain);

            assertThat(response.getStatus()).as("token %s", sent).isEqualTo(401);
            assertThat(chain.getRequest()).as("token %s", sent).isNull();
            assertThat(response.getContentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void readingNeedsNoToken() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        MockHttpServletResponse response = send(signedInAs("alex", "GET", null), chain);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void aTokenWithoutASignedInUserIsNoLogin() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", "/api/agents/theo/absence");
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME, TOKEN);
        request.setSession(session);
        request.addHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, TOKEN);
        MockFilterChain chain = new MockFilterChain();

        assertThat(send(request, chain).getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
    }

    private MockHttpServletRequest signedInAs(String user, String method, String sentToken) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/agents/theo/absence");
        request.setServletPath("/api/agents/theo/absence");
        MockHttpSession session = new MockHttpSession();
        Authentications signedIn = new Authentications();
        signedIn.addOrReplace(AuthenticationUtil.createAuthentication("default", user));
        AuthenticationUtil.updateSession(session, signedIn);
        session.setAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME, TOKEN);
        request.setSession(session);
        if (sentToken != null) {
            request.addHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME, sentToken);
        }
        return request;
    }

    private MockHttpServletResponse send(MockHttpServletRequest request, MockFilterChain chain) throws Exception {
        ApiAuthenticationFilter filter = new ApiAuthenticationFilter(
                new StaticListableBeanFactory(Map.of("processEngine", engine))
                        .getBeanProvider(ProcessEngine.class), objectMapper);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, chain);
        return response;
    }
}
