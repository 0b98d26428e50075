/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/**
 * The outbound side of the server as an administrator sees it through WebAdmin: the {@code outgoing} mail queue,
 * where RemoteDelivery (conf/mailetcontainer.xml, processor "relay") keeps mail for other domains until a remote MX
 * takes it, and the repositories where the pipeline sets mail aside instead of sending it.
 */
public final class SmtpOutgoingQueue {
    /** The queue named by RemoteDelivery's {@code <outgoingQueue>}. */
    public static final String OUTGOING = "outgoing";
    public static final String RELAY_DENIED_REPOSITORY = "var/mail/relay-denied";
    public static final String ERROR_REPOSITORY = "var/mail/error";
    public static final String ADDRESS_ERROR_REPOSITORY = "var/mail/address-error";

    /** One mail waiting in a queue, as WebAdmin lists it. */
    public record QueuedMail(String name, String sender, List<String> recipients, Instant nextDelivery) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BROWSE_ATTEMPTS = 5;

    private final WebAdminClient webAdmin;

    private SmtpOutgoingQueue(WebAdminClient webAdmin) {
        this.webAdmin = webAdmin;
    }

    public static SmtpOutgoingQueue of(MailfortServerExtension server) {
        return new SmtpOutgoingQueue(server.webAdmin());
    }

    public List<String> queueNames() {
        List<String> names = new ArrayList<>();
        read("/mailQueues").forEach(name -> names.add(name.asText()));
        return names;
    }

    public List<QueuedMail> mails() {
        return mailsOf(OUTGOING);
    }

    public List<QueuedMail> mailsTo(String recipient) {
        return mails().stream().filter(mail -> mail.recipients().contains(recipient)).toList();
    }

    /**
     * Mails with a recipient that contains the domain anywhere, in any case: an address of that domain, or one that
     * routes to it ({@code user%domain@...}).
     */
    public List<QueuedMail> mailsMentioning(String domain) {
        String wanted = domain.toLowerCase(Locale.ROOT);
        return mails().stream()
            .filter(mail -> mail.recipients().stream().anyMatch(recipient -> recipient.toLowerCase(Locale.ROOT).contains(wanted)))
            .toList();
    }

    public List<QueuedMail> mailsOf(String queue) {
        List<QueuedMail> mails = new ArrayList<>();
        for (JsonNode mail : browse("/mailQueues/" + queue + "/mails")) {
            List<String> recipients = new ArrayList<>();
            mail.get("recipients").forEach(recipient -> recipients.add(recipient.asText()));
            JsonNode nextDelivery = mail.get("nextDelivery");
            mails.add(new QueuedMail(mail.get("name").asText(), mail.get("sender").asText(), recipients,
                nextDelivery == null || nextDelivery.isNull() ? null : Instant.parse(nextDelivery.asText())));
        }
        return mails;
    }

    /** How many mails a repository (e.g. {@link #RELAY_DENIED_REPOSITORY}) holds. */
    public long repositorySize(String repository) {
        return read("/mailRepositories/" + repository.replace("/", "%2F")).get("size").asLong();
    }

    /**
     * James 3.8.1's ActiveMQ queue fails a browse (WebAdmin 500, NoSuchElementException in its log) when a mail it is
     * listing leaves the queue at that moment: a known race of the stock queue, not a lost mail. Browsing again a
     * moment later gives the answer.
     */
    private JsonNode browse(String path) {
        for (int attempt = 1; ; attempt++) {
            WebAdminClient.Response response = webAdmin.get(path);
            if (response.status() != 500 || attempt == BROWSE_ATTEMPTS) {
                return parse(expectOk(response));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private JsonNode read(String path) {
        return parse(expectOk(webAdmin.get(path)));
    }

    private static WebAdminClient.Response expectOk(WebAdminClient.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("WebAdmin answered " + response.status() + ": " + response.body());
        }
        return response;
    }

    private static JsonNode parse(WebAdminClient.Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }
}
