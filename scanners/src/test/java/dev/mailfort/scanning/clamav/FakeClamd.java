/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted clamd on a loopback port: each connection is read as an INSTREAM command and answered as the test
 * says. Records what it received.
 */
final class FakeClamd implements AutoCloseable {
    /** What one connection received. */
    static final class Request {
        final String command;
        final List<Integer> chunkLengths = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream content = new ByteArrayOutputStream();
        volatile boolean ended;

        Request(String command) {
            this.command = command;
        }
    }

    @FunctionalInterface
    interface Behaviour {
        void serve(Socket connection, FakeClamd clamd) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private FakeClamd(Behaviour behaviour) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        Thread acceptor = new Thread(this::acceptLoop, "fake-clamd-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static FakeClamd start(Behaviour behaviour) throws IOException {
        return new FakeClamd(behaviour);
    }

    /** Reads the whole stream, then answers {@code reply} (a NUL is added). */
    static FakeClamd replying(String reply) throws IOException {
        return replying(content -> reply);
    }

    /** Reads the whole stream, then answers what {@code verdict} makes of its content. */
    static FakeClamd replying(Function<byte[], String> verdict) throws IOException {
        return start((connection, clamd) -> {
            Request request = clamd.readInstream(connection, Long.MAX_VALUE);
            clamd.send(connection, verdict.apply(request.content.toByteArray()) + "\0");
        });
    }

    /** Reads the whole stream and never answers. */
    static FakeClamd silent() throws IOException {
        return start((connection, clamd) -> {
            clamd.readInstream(connection, Long.MAX_VALUE);
            clamd.holdOpen();
        });
    }

    /** Accepts connections and never reads from them. */
    static FakeClamd notReading() throws IOException {
        return start((connection, clamd) -> clamd.holdOpen());
    }

    int port() {
        return server.getLocalPort();
    }

    List<Request> requests() {
        return requests;
    }

    Request onlyRequest() {
        if (requests.size() != 1) {
            throw new AssertionError("Expected one request, got " + requests.size());
        }
        return requests.get(0);
    }

    /**
     * Reads {@code zINSTREAM\0} and chunks until the zero-length one; stops early, like clamd, once more than
     * {@code limit} bytes have come. Returns what was read even when the client went away mid-stream.
     */
    Request readInstream(Socket connection, long limit) throws IOException {
        DataInputStream in = new DataInputStream(connection.getInputStream());
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        for (int b = in.read(); b > 0; b = in.read()) {
            command.write(b);
        }
        Request request = new Request(command.toString(StandardCharsets.US_ASCII));
        requests.add(request);
        try {
            while (true) {
                int length = in.readInt();
                if (length == 0) {
                    request.ended = true;
                    return request;
                }
                request.chunkLengths.add(length);
                byte[] chunk = in.readNBytes(length);
                request.content.write(chunk);
                if (chunk.length < length || request.content.size() > limit) {
                    return request;
                }
            }
        } catch (EOFException e) {
            return request;
        }
    }

    void send(Socket connection, String text) throws IOException {
        OutputStream out = connection.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void holdOpen() throws InterruptedException {
        while (!closed) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.add(connection);
            Thread handler = new Thread(() -> handle(connection), "fake-clamd-connection");
            handler.setDaemon(true);
            handler.start();
        }
    }

    private void handle(Socket connection) {
        try (connection) {
            behaviour.serve(connection, this);
        } catch (IOException e) {
            // The client went away: that is what some tests do.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
