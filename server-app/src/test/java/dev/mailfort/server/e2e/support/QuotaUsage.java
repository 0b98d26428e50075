/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * What a user's mail occupies by the server's own count (the {@code occupation} of WebAdmin's
 * {@code GET /quota/users/<user>}): the figures the quota check compares with the limits before each append.
 *
 * @param count messages in all the user's folders
 * @param bytes their total size
 */
public record QuotaUsage(long count, long bytes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static QuotaUsage of(MailfortServerExtension server, MailUser user) {
        WebAdminClient.Response response = server.webAdmin().get("/quota/users/" + encode(user.address()));
        if (response.status() != 200) {
            throw new IllegalStateException("WebAdmin answered " + response.status() + ": " + response.body());
        }
        try {
            JsonNode occupation = JSON.readTree(response.body()).path("occupation");
            return new QuotaUsage(occupation.path("count").asLong(), occupation.path("size").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the user's own limit on the number of messages, over the domain's and the server's. */
    public static void limitMessageCount(MailfortServerExtension server, MailUser user, long maxMessages) {
        WebAdminClient.Response response = server.webAdmin()
            .put("/quota/users/" + encode(user.address()) + "/count", Long.toString(maxMessages));
        if (response.status() != 204) {
            throw new IllegalStateException("WebAdmin answered " + response.status() + ": " + response.body());
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
