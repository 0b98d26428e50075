/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
 * A byte-exact client for hostile-input tests: sends exactly the bytes given (bare LF, bare CR, NUL, 8-bit, several
 * commands in one packet) and reads replies line by line without interpreting them. Lines are read as ISO-8859-1 so
 * that any byte the server echoes back stays visible in a transcript.
 */
public final class RawConnection implements AutoCloseable {
    private static final int MAX_REPLY_LINE = 1 << 20;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        use(socket);
    }

    /** A plain connection to a loopback port, reads time out after 30 seconds. */
    public static RawConnection connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            return new RawConnection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Implicit TLS (993, 995, 465); trusts the test server's certificate as is. */
    public static RawConnection connectTls(int port) {
        try {
            SSLSocket socket = (SSLSocket) trustingContext().getSocketFactory().createSocket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            return new RawConnection(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the bytes as they are, in one write (one packet on loopback for small sizes). */
    public RawConnection sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends text as ISO-8859-1, as it is: the caller writes every line ending itself. */
    public RawConnection sendRaw(String text) {
        return sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends one line followed by CRLF. */
    public RawConnection send(String line) {
        return sendRaw(line + "\r\n");
    }

    /** Sends a message body in DATA: CRLF line endings already in the bytes, dot-stuffing done here, then CRLF.CRLF. */
    public RawConnection sendData(byte[] message) {
        ByteArrayOutputStream stuffed = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                stuffed.write('.');
            }
            stuffed.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            stuffed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        stuffed.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return sendBytes(stuffed.toByteArray());
    }

    /** One line without its line ending; fails when the server closed the connection. */
    public String readLine() {
        String line = readLineOrNull();
        if (line == null) {
            throw new IllegalStateException("connection closed by the server");
        }
        return line;
    }

    private String readLineOrNull() {
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
                }
                if (line.size() >= MAX_REPLY_LINE) {
                    throw new IllegalStateException("reply line longer than " + MAX_REPLY_LINE + " bytes");
                }
                line.write(b);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A whole SMTP reply (continuation lines included), lines joined by newlines. */
    public String readSmtpReply() {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return String.join("\n", lines);
    }

    public String smtp(String command) {
        return send(command).readSmtpReply();
    }

    /** Lines up to and including the first one that starts with the prefix (an IMAP tag, "+OK"...). */
    public List<String> readUntil(String prefix) {
        List<String> lines = new ArrayList<>();
        String line;
        do {
            line = readLine();
            lines.add(line);
        } while (!line.startsWith(prefix));
        return lines;
    }

    /** Sends a tagged IMAP command and returns its tagged reply line. */
    public String imap(String tag, String command) {
        List<String> lines = send(tag + " " + command).readUntil(tag + " ");
        return lines.get(lines.size() - 1);
    }

    /**
     * True when the server closed the connection: reads what is left until end of stream. A server that keeps the
     * connection open makes this wait for the read timeout, then answer false.
     */
    public boolean isClosedByServer() {
        try {
            while (true) {
                if (readLineOrNull() == null) {
                    return true;
                }
            }
        } catch (UncheckedIOException e) {
            return !(e.getCause() instanceof SocketTimeoutException);
        }
    }

    /** Shortens the read timeout, e.g. before checking that nothing more comes. */
    public RawConnection readTimeoutMillis(int millis) {
        try {
            socket.setSoTimeout(millis);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Upgrades to TLS after the server agreed to STARTTLS / STLS; trusts the test server's certificate as is. */
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

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // the test is done with this connection
        }
    }

    private void use(Socket newSocket) throws IOException {
        socket = newSocket;
        in = new java.io.BufferedInputStream(newSocket.getInputStream());
        out = newSocket.getOutputStream();
    }

    private static SSLContext trustingContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class TrustAll implements X509TrustManager {
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
