/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The admin's side of a test: James's WebAdmin HTTP API on loopback, as an admin would call it with curl. */
public final class WebAdminClient {
    public record Response(int status, String body) {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** The body, a JSON array of strings (e.g. the event dead-letter listings); refused unless the status is 200. */
        public List<String> jsonStrings() throws IOException {
            if (status != 200) {
                throw new IllegalStateException("Expected 200 with a JSON array, got " + status + ": " + body);
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : JSON.readTree(body)) {
                values.add(value.asText());
            }
            return values;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public WebAdminClient(int port) {
        this.port = port;
    }

    public void addDomain(String domain) {
        expect(put("/domains/" + encode(domain), ""), 204);
    }

    public void addUser(String address, String password) {
        String json = "{\"password\":\"" + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        expect(put("/users/" + encode(address), json), 204);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** A GET asking for one representation, e.g. {@code message/rfc822} for a held mail. */
    public Response get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET().build());
    }

    /** {@code /metrics} (Prometheus text) as name, with its labels if any, to value. */
    public Map<String, Double> metrics() {
        Response response = expect(get("/metrics"), 200);
        Map<String, Double> values = new HashMap<>();
        response.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return values;
    }

    public Response put(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("WebAdmin unreachable: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Response expect(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("WebAdmin answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
