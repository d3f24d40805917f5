package com.followthrough.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReportValve(ObjectMapper json) {
        return ApiErrorReportValve.installer(json);
    }

    @Bean
    WebMvcConfigurer apiTakesOnlyWhatItNames(ObjectMapper json) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new BodyNotTaken(json)).addPathPatterns("/api/**");
                registry.addInterceptor(new ParametersNotTaken()).addPathPatterns("/api/**");
            }
        };
    }

    /** After authentication, so that an anonymous caller gets 401 whatever the path. */
    @Bean
    FilterRegistrationBean<ApiRequestChecks> apiRequestChecks(ObjectMapper json,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> endpoints) {
        var registration = new FilterRegistrationBean<>(new ApiRequestChecks(json, endpoints::getObject));
        registration.setName("apiRequestChecks");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }

    /** After authentication: an anonymous caller learns that it must sign in, not how large a body may be. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> apiRequestBodyLimit(ApiProperties properties, ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(RequestBodyLimit.forApi(properties, json));
        registration.setName("apiRequestBodyLimit");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    /** After the body's limit, which holds what it reads. */
    @Bean
    FilterRegistrationBean<DeclaredCharsetToUtf8> apiDeclaredCharset(ObjectMapper json) {
        var registration = new FilterRegistrationBean<>(DeclaredCharsetToUtf8.forApi(json));
        registration.setName("apiDeclaredCharset");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 31);
        return registration;
    }
}
