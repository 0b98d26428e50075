/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote mail server on loopback that accepts everything and keeps it: where the server under test delivers
 * outbound mail (RemoteDelivery's {@code gateway}), so that a test can read what really left, byte for byte.
 * Announces 8BITMIME, so that the sender never has to re-encode the message on the way.
 *
 * <p>It can also play a difficult peer: one that refuses recipients with a given reply ({@link #refuseRecipientsWith}),
 * one that is down and comes back on the same port ({@link #goDown} refuses connections,
 * {@link #answerServiceUnavailable} greets with 421 and counts the attempts, {@link #comeBack}), or a smarthost that requires
 * AUTH PLAIN or LOGIN ({@link #requireAuth}).
 */
public final class SmtpSink implements AutoCloseable {
    /** One transaction as the sink received it; {@code data} without dot-stuffing and without the final dot. */
    public record Received(String mailFrom, List<String> recipients, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private volatile ServerSocket listener;
    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> authenticatedUsers = new CopyOnWriteArrayList<>();
    private volatile String recipientReply;
    private volatile boolean unavailable;
    private final AtomicInteger unavailableAnswers = new AtomicInteger();
    private final AtomicInteger ehloCount = new AtomicInteger();
    private volatile String requiredUser;
    private volatile String requiredPassword;

    private SmtpSink(ServerSocket listener) {
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    public static SmtpSink start() {
        try {
            SmtpSink sink = new SmtpSink(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
            sink.startAccepting();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** From now on every RCPT TO is answered with this reply (e.g. {@code 550 5.1.1 No such user}); nothing is kept. */
    public SmtpSink refuseRecipientsWith(String reply) {
        this.recipientReply = reply;
        return this;
    }

    /** From now on AUTH (PLAIN or LOGIN) is announced and MAIL FROM needs it; only this user and password pass. */
    public SmtpSink requireAuth(String user, String password) {
        this.requiredUser = user;
        this.requiredPassword = password;
        return this;
    }

    /** The users that authenticated successfully, one entry per session. */
    public List<String> authenticatedUsers() {
        return List.copyOf(authenticatedUsers);
    }

    /**
     * From now on every connection is greeted with {@code 421 4.3.2} and closed, as by a server shutting down (RFC 5321
     * section 3.8): a temporary failure for the sender, which must try again later. {@link #unavailableAnswers()} counts
     * the attempts.
     */
    public void answerServiceUnavailable() {
        unavailable = true;
    }

    public int unavailableAnswers() {
        return unavailableAnswers.get();
    }

    /** How many EHLO commands the sink answered (the sink never offers STARTTLS: a client that needs TLS stops there). */
    public int ehloCount() {
        return ehloCount.get();
    }

    /** Stops listening: connections to the port are refused, as to a server that is down. */
    public void goDown() {
        close();
    }

    /** Serves normally again (listening again on the same port after {@link #goDown}), as the server coming back. */
    public void comeBack() {
        unavailable = false;
        if (!listener.isClosed()) {
            return;
        }
        try {
            ServerSocket reopened = new ServerSocket();
            reopened.setReuseAddress(true);
            reopened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
            listener = reopened;
            startAccepting();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String recipient) {
        return received.stream().filter(mail -> mail.recipients().contains(recipient)).toList();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // Closing a listener of a finished test.
        }
    }

    private void startAccepting() {
        ServerSocket current = listener;
        Thread acceptor = new Thread(() -> acceptLoop(current), "smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocket listener) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread session = new Thread(() -> serve(client), "smtp-sink-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream(); OutputStream out = client.getOutputStream()) {
            if (unavailable) {
                unavailableAnswers.incrementAndGet();
                reply(out, "421 4.3.2 sink.test Service not available, closing transmission channel");
                return;
            }
            reply(out, "220 sink.test ESMTP");
            String mailFrom = null;
            List<String> recipients = new ArrayList<>();
            boolean authenticated = false;
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    ehloCount.incrementAndGet();
                    reply(out, "250-sink.test\r\n250-8BITMIME\r\n" + (requiredUser != null ? "250-AUTH PLAIN LOGIN\r\n" : "")
                        + "250 SIZE 104857600");
                } else if (command.startsWith("AUTH ") && requiredUser != null) {
                    authenticated = authenticate(line, in, out);
                } else if (command.startsWith("MAIL FROM:") && requiredUser != null && !authenticated) {
                    reply(out, "530 5.7.0 Authentication required");
                } else if (command.startsWith("RCPT TO:") && recipientReply != null) {
                    reply(out, recipientReply);
                } else if (command.startsWith("HELO") || command.startsWith("NOOP")) {
                    reply(out, "250 OK");
                } else if (command.startsWith("MAIL FROM:")) {
                    mailFrom = between(line, '<', '>');
                    recipients = new ArrayList<>();
                    reply(out, "250 OK");
                } else if (command.startsWith("RCPT TO:")) {
                    recipients.add(between(line, '<', '>'));
                    reply(out, "250 OK");
                } else if (command.equals("DATA")) {
                    reply(out, "354 go ahead");
                    received.add(new Received(mailFrom, List.copyOf(recipients), readData(in)));
                    reply(out, "250 OK kept");
                } else if (command.equals("RSET")) {
                    mailFrom = null;
                    recipients = new ArrayList<>();
                    reply(out, "250 OK");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to keep.
        }
    }

    /** AUTH PLAIN (with or without initial response) or AUTH LOGIN; answers 235 or 535. */
    private boolean authenticate(String command, InputStream in, OutputStream out) throws IOException {
        String[] words = command.split(" ");
        String mechanism = words[1].toUpperCase(Locale.ROOT);
        String user;
        String password;
        if (mechanism.equals("PLAIN")) {
            String response = words.length > 2 ? words[2] : challenge(out, in, "");
            String[] parts = decode(response).split("\u0000", -1);
            user = parts.length == 3 ? parts[1] : "";
            password = parts.length == 3 ? parts[2] : "";
        } else if (mechanism.equals("LOGIN")) {
            user = decode(words.length > 2 ? words[2] : challenge(out, in, "VXNlcm5hbWU6"));
            password = decode(challenge(out, in, "UGFzc3dvcmQ6"));
        } else {
            reply(out, "504 5.5.4 Unrecognized authentication type");
            return false;
        }
        if (user.equals(requiredUser) && password.equals(requiredPassword)) {
            authenticatedUsers.add(user);
            reply(out, "235 2.7.0 Authentication successful");
            return true;
        }
        reply(out, "535 5.7.8 Authentication credentials invalid");
        return false;
    }

    private static String challenge(OutputStream out, InputStream in, String text) throws IOException {
        reply(out, "334 " + text);
        String response = readLine(in);
        return response == null ? "" : response.strip();
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        String line;
        while ((line = readLine(in)) != null && !line.equals(".")) {
            String unstuffed = line.startsWith(".") ? line.substring(1) : line;
            data.write(unstuffed.getBytes(StandardCharsets.ISO_8859_1));
            data.write('\r');
            data.write('\n');
        }
        return data.toByteArray();
    }

    /** One line without its CRLF, each byte as one ISO-8859-1 character so that 8-bit content survives. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return null;
    }

    private static String between(String text, char open, char close) {
        int start = text.indexOf(open);
        int end = text.indexOf(close, start + 1);
        return start < 0 || end < 0 ? "" : text.substring(start + 1, end);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
