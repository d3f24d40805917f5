package com.followthrough.access;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.servlet.JerseyApplicationPath;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP Basic against the engine's identity service for both REST APIs, in every profile. Webapps have their own
 * session login. Servlet filters run before the servlet they guard, so no request reaches Jersey
 * (/engine-rest) or Spring MVC (/api) unauthenticated.
 */
@Configuration(proxyBeanMethods = false)
public class RestAuthentication {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    /** Camunda's own filter on the Jersey servlet of the REST starter (@ApplicationPath "/engine-rest"). */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication(
            JerseyApplicationPath engineRestPath) {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engineRestAuthentication");
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns(engineRestPath.getUrlMapping());
        registration.setOrder(ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(
            ObjectProvider<IdentityService> identityServices, ObjectMapper objectMapper) {
        var registration = new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityServices, objectMapper));
        registration.setName("apiAuthentication");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
