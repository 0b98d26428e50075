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
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A remote mail server on loopback that accepts everything and keeps it: where the server under test delivers
 * outbound mail (RemoteDelivery's {@code gateway}), so that a test can read what really left, byte for byte.
 * Announces 8BITMIME, so that the sender never has to re-encode the message on the way.
 */
public final class SmtpSink implements AutoCloseable {
    /** One transaction as the sink received it; {@code data} without dot-stuffing and without the final dot. */
    public record Received(String mailFrom, List<String> recipients, byte[] data) {
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket listener;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private SmtpSink(ServerSocket listener) {
        this.listener = listener;
    }

    public static SmtpSink start() {
        try {
            SmtpSink sink = new SmtpSink(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
            Thread acceptor = new Thread(sink::acceptLoop, "smtp-sink");
            acceptor.setDaemon(true);
            acceptor.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
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

    private void acceptLoop() {
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
            reply(out, "220 sink.test ESMTP");
            String mailFrom = null;
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO")) {
                    reply(out, "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 104857600");
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
