/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * What an administrator does with mail the transport map holds (conf/mailetcontainer.xml, processor "hold"): find it
 * in {@code var/mail/held/} and release it with James's WebAdmin reprocess route, exactly as README "Routing" shows:
 * {@code PATCH /mailRepositories/var%2Fmail%2Fheld%2F/mails/<key>?action=reprocess&processor=release-held}.
 */
public final class HeldMailRelease {
    public static final String HELD = "var/mail/held/";
    public static final String UNDELIVERABLE = "var/mail/undeliverable/";
    public static final String RELEASE_PROCESSOR = "release-held";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MailfortServerExtension server;
    private final HttpClient http = HttpClient.newHttpClient();

    public HeldMailRelease(MailfortServerExtension server) {
        this.server = server;
    }

    /** The keys of the mails of a repository with this recipient (none when the repository was never written). */
    public List<String> keysOfMailsFor(String repositoryPath, String recipient) {
        WebAdminClient webAdmin = server.webAdmin();
        String base = "/mailRepositories/" + encode(repositoryPath) + "/mails";
        WebAdminClient.Response keys = webAdmin.get(base);
        if (keys.status() == 404) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (JsonNode key : parse(keys.body())) {
            WebAdminClient.Response mail = webAdmin.get(base + "/" + encode(key.asText()));
            if (mail.status() == 200) {
                for (JsonNode address : parse(mail.body()).get("recipients")) {
                    if (address.asText().equals(recipient)) {
                        found.add(key.asText());
                    }
                }
            }
        }
        return found;
    }

    /** Releases one held mail into {@value #RELEASE_PROCESSOR} and waits for the reprocessing task to end. */
    public String release(String key) {
        String path = "/mailRepositories/" + encode(HELD) + "/mails/" + encode(key)
            + "?action=reprocess&processor=" + RELEASE_PROCESSOR;
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri(path))
            .method("PATCH", HttpRequest.BodyPublishers.noBody()).build());
        if (started.statusCode() != 201) {
            throw new IllegalStateException("WebAdmin answered " + started.statusCode() + ": " + started.body());
        }
        String taskId = parse(started.body()).get("taskId").asText();
        WebAdminClient.Response done = server.webAdmin().get("/tasks/" + taskId + "/await");
        return parse(done.body()).get("status").asText();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port(8000) + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("WebAdmin unreachable: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("WebAdmin sent invalid JSON: " + body, e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
