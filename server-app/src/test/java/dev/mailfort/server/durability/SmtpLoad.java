/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.durability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import dev.mailfort.server.testing.LineDialogue;

/**
 * Parallel SMTP clients on port 25 sending well-formed mail with unique Message-IDs as fast as the server takes it,
 * through kills and restarts: a client whose connection breaks reconnects. It remembers exactly which Message-IDs got
 * a 250 to the end of DATA (acknowledged: the server owns them) and how many transactions it started.
 */
final class SmtpLoad implements AutoCloseable {
    private final IntSupplier port;
    private final List<String> recipients;
    private final String runId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger sequence = new AtomicInteger();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Thread> clients = new ArrayList<>();

    private SmtpLoad(IntSupplier port, List<String> recipients, String runId) {
        this.port = port;
        this.recipients = List.copyOf(recipients);
        this.runId = runId;
    }

    static SmtpLoad start(IntSupplier port, List<String> recipients, int clientCount, String runId) {
        SmtpLoad load = new SmtpLoad(port, recipients, runId);
        for (int i = 0; i < clientCount; i++) {
            Thread client = new Thread(load::sendUntilStopped, "smtp-load-" + i);
            client.setDaemon(true);
            load.clients.add(client);
            client.start();
        }
        return load;
    }

    int attempted() {
        return attempted.get();
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread client : clients) {
            client.join(30_000);
        }
    }

    private void sendUntilStopped() {
        while (running.get()) {
            try (LineDialogue smtp = LineDialogue.connect(port.getAsInt())) {
                if (!smtp.readSmtpReply().startsWith("220")) {
                    continue;
                }
                smtp.smtp("EHLO load.sender.example");
                while (running.get()) {
                    sendOne(smtp);
                }
                smtp.smtp("QUIT");
            } catch (RuntimeException e) {
                // The server died or is restarting: try again shortly.
                pause();
            }
        }
    }

    private void sendOne(LineDialogue smtp) {
        String recipient = recipients.get(ThreadLocalRandom.current().nextInt(recipients.size()));
        String messageId = "<" + runId + "." + sequence.incrementAndGet() + "@load.sender.example>";
        attempted.incrementAndGet();
        if (!smtp.smtp("MAIL FROM:<load@sender.example>").startsWith("250")
                || !smtp.smtp("RCPT TO:<" + recipient + ">").startsWith("250")
                || !smtp.smtp("DATA").startsWith("354")) {
            smtp.smtp("RSET");
            pause();
            return;
        }
        smtp.send("From: Load <load@sender.example>").send("To: <" + recipient + ">")
            .send("Date: Thu, 26 Nov 2026 10:00:00 +0000").send("Subject: order confirmation " + sequence.get())
            .send("Message-ID: " + messageId).send("")
            .send("Thank you for your order. It will ship within two working days.")
            .send("Kind regards,").send("The shipping team");
        // Only a 250 to the end of DATA transfers responsibility (RFC 5321 section 6.1).
        if (smtp.smtp(".").startsWith("250")) {
            acknowledged.add(messageId);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
