/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rabbitmq;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import dev.mailfort.local.rabbitmq.LocalRabbitMQ;

/**
 * A virtual host of its own on a test broker, so that test classes sharing a broker cannot consume each other's
 * queued mail or mailbox events: the server's queue names (spool, outgoing, mailboxEvent-...) are the same in every
 * class, and a vhost is RabbitMQ's namespace for them.
 */
public record RabbitMQVhost(LocalRabbitMQ broker, String name) {
    // HTTP/1.1: the JDK client's default h2c upgrade on a request with a body makes the broker close the connection.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Creates a fresh vhost on {@code broker} that the broker's user may configure, read and write. */
    public static RabbitMQVhost create(LocalRabbitMQ broker, String prefix) {
        String name = prefix.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
        RabbitMQVhost vhost = new RabbitMQVhost(broker, name);
        vhost.put("/api/vhosts/" + vhost.encodedName(), "{}");
        vhost.put("/api/permissions/" + vhost.encodedName() + "/" + broker.user(),
            "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        return vhost;
    }

    /** The AMQP URI of this vhost (the vhost is the URI's path). */
    public URI amqpUri() {
        return URI.create(broker.amqpUri() + "/" + encodedName());
    }

    public URI managementUri() {
        return broker.managementUri();
    }

    /** A GET on the broker's management API, for checks on queues of this vhost ({@code /api/queues/<vhost>}). */
    public String managementGet(String path) {
        return send(HttpRequest.newBuilder(URI.create(broker.managementUri() + path)).GET());
    }

    /** A POST on the broker's management API, e.g. {@code /api/exchanges/<vhost>/<exchange>/publish}. */
    public String managementPost(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(broker.managementUri() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public String encodedName() {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    private void put(String path, String json) {
        send(HttpRequest.newBuilder(URI.create(broker.managementUri() + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String send(HttpRequest.Builder request) {
        String credentials = Base64.getEncoder()
            .encodeToString((broker.user() + ":" + broker.password()).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = HTTP
                .send(request.header("Authorization", "Basic " + credentials).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("RabbitMQ management API unreachable at " + broker.managementUri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
