/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw line-based client (SMTP, POP3, IMAP) for tests that read like a protocol transcript: what the client sends,
 * and the exact reply the server gives. Can switch to TLS mid-session (STARTTLS, STLS) or start in TLS.
 */
public final class LineDialogue implements AutoCloseable {
    private Socket socket;
    private BufferedReader in;
    private OutputStream out;

    private LineDialogue(Socket socket) throws IOException {
        use(socket);
    }

    public static LineDialogue connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            return new LineDialogue(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Like {@link #connect(int)}, from another loopback address (e.g. 127.0.0.7): the server then sees a client of
     * its own, which tests of per-address limits use to stay independent of each other.
     */
    public static LineDialogue connectFrom(String localAddress, int port) {
        try {
            Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0);
            socket.setSoTimeout(30_000);
            return new LineDialogue(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like {@link #connectTls(int)}, from another loopback address (see {@link #connectFrom}). */
    public static LineDialogue connectTlsFrom(String localAddress, int port) {
        try {
            SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory()
                .createSocket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0);
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            return new LineDialogue(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Implicit TLS (465, 993, 995). The test server's certificate is self-signed: tests trust it as is. */
    public static LineDialogue connectTls(int port) {
        try {
            SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            return new LineDialogue(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Upgrades the connection after the server agreed to STARTTLS / STLS. */
    public void startTls() {
        try {
            SSLSocket tls = (SSLSocket) trustingContext().getSocketFactory()
                .createSocket(socket, "127.0.0.1", socket.getPort(), true);
            tls.setUseClientMode(true);
            tls.startHandshake();
            use(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LineDialogue send(String line) {
        try {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of reply. */
    public String readLine() {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new IllegalStateException("connection closed by the server");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole SMTP reply (all "250-" continuation lines and the final "250 " line), joined by newlines. */
    public String readSmtpReply() {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return String.join("\n", lines);
    }

    /** Sends a command and returns the SMTP reply. */
    public String smtp(String command) {
        return send(command).readSmtpReply();
    }

    /** Lines up to and including the one starting with the given prefix (an IMAP tag, "+OK"/"-ERR", "."). */
    public List<String> readUntil(String prefix) {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (!line.startsWith(prefix));
        return lines;
    }

    /** Sends a tagged IMAP command and returns the last (tagged) line of the answer. */
    public String imap(String tag, String command) {
        List<String> lines = send(tag + " " + command).readUntil(tag + " ");
        return lines.get(lines.size() - 1);
    }

    /** True when the server has closed the connection (reads end of stream). */
    public boolean isClosedByServer() {
        try {
            return in.readLine() == null;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the test is over with this connection
        }
    }

    private void use(Socket newSocket) throws IOException {
        this.socket = newSocket;
        this.in = new BufferedReader(new InputStreamReader(newSocket.getInputStream(), StandardCharsets.UTF_8));
        this.out = newSocket.getOutputStream();
    }

    static SSLContext trustingContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
