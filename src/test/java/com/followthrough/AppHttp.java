package com.followthrough;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

    public HttpResponse<String> postJson(String path, String credentials, String body) throws IOException, InterruptedException {
        return send(request(path, credentials).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
