package com.followthrough.access;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import com.followthrough.organization.SupportGroups;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs an {@link IntakeEndpoint} as the application when an intake system calls it: the engine identity that
 * {@link ApiAuthenticationFilter} set is cleared for the handler and put back afterwards. The endpoint's own checks
 * (a known case, an open case, valid fields) are then the whole rule, the same for every intake system.
 */
class IntakeAsTheApplication implements HandlerInterceptor {

    private static final String SIGNED_IN = IntakeAsTheApplication.class.getName() + ".signedIn";

    private final ObjectProvider<IdentityService> identityServices;

    IntakeAsTheApplication(ObjectProvider<IdentityService> identityServices) {
        this.identityServices = identityServices;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(IntakeEndpoint.class)) {
            return true;
        }
        IdentityService identityService = identityServices.getObject();
        Authentication caller = identityService.getCurrentAuthentication();
        if (caller != null && caller.getGroupIds() != null && caller.getGroupIds().contains(SupportGroups.INTEGRATIONS)) {
            request.setAttribute(SIGNED_IN, caller);
            identityService.clearAuthentication();
        }
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(SIGNED_IN) instanceof Authentication caller) {
            request.removeAttribute(SIGNED_IN);
            identityServices.getObject().setAuthentication(caller);
        }
    }
}
