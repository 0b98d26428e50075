/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * The quarantine mail repositories of {@code conf/mailetcontainer.xml}, read through James's WebAdmin mail
 * repository routes: which recipients the held mails were for.
 */
public final class Quarantines {
    public static final String VIRUS = "var/mail/quarantine/virus/";
    public static final String ATTACHMENT = "var/mail/quarantine/attachment/";
    public static final String SPAM = "var/mail/quarantine/spam/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROCESSING_TIMEOUT = Duration.ofSeconds(30);

    private Quarantines() {
    }

    /** The recipients of every mail held in the repository (empty when it was never written to). */
    public static List<String> heldRecipients(MailfortServerExtension server, String repositoryPath) {
        WebAdminClient webAdmin = server.webAdmin();
        String base = "/mailRepositories/" + encode(repositoryPath) + "/mails";
        WebAdminClient.Response keys = webAdmin.get(base);
        if (keys.status() == 404) {
            return List.of();
        }
        List<String> recipients = new ArrayList<>();
        for (JsonNode key : parse(keys)) {
            JsonNode mail = parse(webAdmin.get(base + "/" + encode(key.asText())));
            mail.get("recipients").forEach(recipient -> recipients.add(recipient.asText()));
        }
        return recipients;
    }

    public static void awaitHeldFor(MailfortServerExtension server, String repositoryPath, MailUser recipient) {
        await().atMost(PROCESSING_TIMEOUT)
            .pollInterval(Duration.ofMillis(300))
            .until(() -> heldRecipients(server, repositoryPath).contains(recipient.address()));
    }

    private static JsonNode parse(WebAdminClient.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("WebAdmin answered " + response.status() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("WebAdmin sent invalid JSON: " + response.body(), e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
