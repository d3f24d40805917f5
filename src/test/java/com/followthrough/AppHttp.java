package com.followthrough;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** HTTP calls to the running test app as a given user ({@code "anna:anna"}) or anonymously ({@code null}). */
public final class AppHttp {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;

    public AppHttp(int port) {
        this.port = port;
    }

    public HttpRequest.Builder request(String path, String credentials) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (credentials != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    public HttpResponse<String> get(String path, String credentials) throws IOException, InterruptedException {
        return send(request(path, credentials).GET());
    }

    public HttpResponse<String> postJson(String path, String credentials, String body)
            throws IOException, InterruptedException {
        return send(request(path, credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The multipart request Camunda Modeler 5 sends when a designer clicks "Deploy" for Camunda 7
     * ({@code POST /engine-rest/deployment/create}), with {@code files} by name.
     */
    public HttpResponse<String> deployAsModeler(String credentials, String deploymentName, Map<String, String> files)
            throws IOException, InterruptedException {
        String boundary = "modeler-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var field : Map.of("deployment-name", deploymentName, "deployment-source", "Camunda Modeler",
                "deploy-changed-only", "true").entrySet()) {
            part(body, boundary, "Content-Disposition: form-data; name=\"" + field.getKey() + "\"", field.getValue());
        }
        for (var file : files.entrySet()) {
            part(body, boundary, "Content-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: application/octet-stream", file.getValue());
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/engine-rest/deployment/create", credentials)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers, String content)
            throws IOException {
        body.write(("--" + boundary + "\r\n" + headers + "\r\n\r\n" + content + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A browser signed in to a webapp ({@code tasklist}, {@code cockpit}) as its login page signs in, with the CSRF
     * token the webapps expect on every change.
     */
    public WebappSession signIn(String app, String user) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        browser.send(request("/camunda/app/" + app + "/default/", null).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> login = browser.send(request("/camunda/api/admin/auth/user/default/login/" + app, null)
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", csrfToken(browser))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + user)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new AssertionError(app + " login of " + user + ": " + login.statusCode() + " " + login.body());
        }
        // The session signed in gets its own token with its next request, as when the webapp's page loads.
        browser.send(request("/camunda/api/engine/engine/default/task/count", null).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return new WebappSession(browser, csrfToken(browser));
    }

    private static String csrfToken(HttpClient browser) {
        return ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> "XSRF-TOKEN".equals(cookie.getName())).map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("the webapp set no XSRF-TOKEN cookie"));
    }

    /** Requests with a signed-in webapp session, as the webapp's own scripts send them. */
    public final class WebappSession {

        private final HttpClient browser;
        private final String csrfToken;

        private WebappSession(HttpClient browser, String csrfToken) {
            this.browser = browser;
            this.csrfToken = csrfToken;
        }

        public HttpRequest.Builder request(String path) {
            return AppHttp.this.request(path, null).header("X-XSRF-TOKEN", csrfToken);
        }

        public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** {@code POST} of a JSON {@code body} to {@code path}, as the webapp's own scripts send it. */
        public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }
    }
}
