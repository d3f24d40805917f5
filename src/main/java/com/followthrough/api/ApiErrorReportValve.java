package com.followthrough.api;

import java.io.IOException;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tomcat's error report for requests it refuses before any servlet sees them (an encoded slash, a malformed
 * percent-encoding, a bad header): a problem detail under {@code /api}, Tomcat's page without server details
 * elsewhere, as Spring Boot configures it.
 */
public class ApiErrorReportValve extends ErrorReportValve {

    private final ObjectMapper json;

    public ApiErrorReportValve(ObjectMapper json) {
        this.json = json;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        HttpStatus status = HttpStatus.resolve(response.getStatus());
        // A request line Tomcat could not parse has no path: it may have been meant for /api, and a problem detail
        // tells a browser as much as Tomcat's page would.
        boolean api = uri == null || uri.isEmpty() || uri.startsWith("/api/") || uri.equals("/api");
        if (!api || status == null || !status.isError()) {
            super.report(request, response, throwable);
            return;
        }
        if (response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(json.writeValueAsBytes(ApiErrorController.problem(status, uri == null ? "" : uri)));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client went away or the response is no longer ours to write: nothing more to tell.
        }
    }

    /** Puts this valve in place of the host's error report valve, after Spring Boot's own customizing. */
    public static WebServerFactoryCustomizer<TomcatServletWebServerFactory> installer(ObjectMapper json) {
        return new Installer(json);
    }

    private record Installer(ObjectMapper json) implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ApiErrorReportValve.class.getName());
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new ApiErrorReportValve(json));
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
