/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.clamav.ClamAVVerdict.Status;
import dev.mailfort.scanning.clamav.ClamAVVerdict.UnavailableReason;

class ClamdClientTest {
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private static final byte[] HELLO = "Hello, world".getBytes(StandardCharsets.US_ASCII);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void sendsTheInstreamCommand() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        client(clamd).scan(HELLO);

        assertThat(clamd.onlyRequest().command).isEqualTo("zINSTREAM");
    }

    @Test
    void sendsContentInChunksOfTheConfiguredSize() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        client(clamd, settings(clamd).chunkSize(10)).scan(new byte[25]);

        assertThat(clamd.onlyRequest().chunkLengths).containsExactly(10, 10, 5);
    }

    @Test
    void endsTheStreamWithAZeroLengthChunk() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        client(clamd, settings(clamd).chunkSize(10)).scan(new byte[20]);

        assertThat(clamd.onlyRequest().chunkLengths).containsExactly(10, 10);
        assertThat(clamd.onlyRequest().ended).isTrue();
    }

    @Test
    void sendsTheContentUnchanged() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));
        byte[] content = new byte[100_000];
        Arrays.fill(content, (byte) 'x');
        content[0] = 0;
        content[99_999] = (byte) 0xff;

        client(clamd, settings(clamd).chunkSize(4096)).scan(content);

        assertThat(clamd.onlyRequest().content.toByteArray()).isEqualTo(content);
    }

    @Test
    void gathersSmallWritesIntoFullChunks() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        client(clamd, settings(clamd).chunkSize(8)).scan(out -> {
            for (int i = 0; i < 20; i++) {
                out.write('a');
                out.flush();
            }
        });

        assertThat(clamd.onlyRequest().chunkLengths).containsExactly(8, 8, 4);
    }

    @Test
    void emptyContentIsOnlyTheEndOfStream() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        ClamAVVerdict verdict = client(clamd).scan(new byte[0]);

        assertThat(verdict.isClean()).isTrue();
        assertThat(clamd.onlyRequest().chunkLengths).isEmpty();
        assertThat(clamd.onlyRequest().ended).isTrue();
    }

    @Test
    void okReplyIsClean() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        assertThat(client(clamd).scan(HELLO)).isEqualTo(ClamAVVerdict.clean());
    }

    @Test
    void foundReplyIsInfectedWithTheSignature() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: Win.Test.EICAR_HDB-1 FOUND"));

        assertThat(client(clamd).scan(HELLO)).isEqualTo(ClamAVVerdict.infected("Win.Test.EICAR_HDB-1"));
    }

    @Test
    void sizeLimitReplyIsTooLarge() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("INSTREAM size limit exceeded. ERROR"));

        assertThat(client(clamd).scan(HELLO).status()).isEqualTo(Status.TOO_LARGE);
    }

    @Test
    void otherErrorReplyIsUnavailable() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: Can't allocate memory ERROR"));

        ClamAVVerdict verdict = client(clamd).scan(HELLO);

        assertThat(verdict.unavailableReason()).contains(UnavailableReason.CLAMD_ERROR);
        assertThat(verdict.detail()).contains("Can't allocate memory");
    }

    @Test
    void garbageReplyIsAProtocolError() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("HTTP/1.1 400 Bad Request\r\n\r\n\u0001\u00ff"));

        ClamAVVerdict verdict = client(clamd).scan(HELLO);

        assertThat(verdict.unavailableReason()).contains(UnavailableReason.PROTOCOL_ERROR);
        assertThat(verdict.detail()).contains("HTTP/1.1 400").contains("\\x01");
    }

    @Test
    void endlessReplyIsAProtocolError() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK".repeat(1000)));

        assertThat(client(clamd).scan(HELLO).unavailableReason()).contains(UnavailableReason.PROTOCOL_ERROR);
    }

    @Test
    void connectionClosedWithoutReplyIsUnavailable() throws IOException {
        FakeClamd clamd = fake(FakeClamd.start((connection, fake) -> fake.readInstream(connection, Long.MAX_VALUE)));

        assertThat(client(clamd).scan(HELLO).unavailableReason()).contains(UnavailableReason.CONNECTION_LOST);
    }

    @Test
    void refusedConnectionIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ClamdClient client = track(new ClamdClient(ClamdSettings.builder().port(closedPort).build()));

        ClamAVVerdict verdict = client.scan(HELLO);

        assertThat(verdict.unavailableReason()).contains(UnavailableReason.CONNECTION_REFUSED);
        assertThat(verdict.detail()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void connectionNotAcceptedInTimeIsATimeout() throws IOException {
        // A listener that never accepts, with its backlog full: the kernel drops further connection attempts.
        ServerSocket listener = track(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
        for (int i = 0; i < 10; i++) {
            Socket filler = track(new Socket());
            try {
                filler.connect(listener.getLocalSocketAddress(), (int) SHORT_TIMEOUT.toMillis());
            } catch (SocketTimeoutException full) {
                break;
            }
        }
        ClamdClient client = track(new ClamdClient(ClamdSettings.builder().port(listener.getLocalPort())
            .connectTimeout(SHORT_TIMEOUT).build()));

        ClamAVVerdict verdict = client.scan(HELLO);

        assertThat(verdict.unavailableReason()).contains(UnavailableReason.TIMEOUT);
        assertThat(verdict.detail()).contains("no connection");
    }

    @Test
    void missingReplyTimesOut() throws IOException {
        FakeClamd clamd = fake(FakeClamd.silent());
        ClamdClient client = client(clamd, settings(clamd).readTimeout(SHORT_TIMEOUT));

        long started = System.nanoTime();
        ClamAVVerdict verdict = client.scan(HELLO);

        assertThat(verdict.unavailableReason()).contains(UnavailableReason.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void clamdThatStopsReadingTimesOut() throws IOException {
        FakeClamd clamd = fake(FakeClamd.notReading());
        ClamdClient client = client(clamd, settings(clamd).readTimeout(SHORT_TIMEOUT).maxStreamSize(Long.MAX_VALUE));

        long started = System.nanoTime();
        // Far more than the socket buffers hold: without the stall guard the write would block forever.
        ClamAVVerdict verdict = client.scan(out -> {
            byte[] block = new byte[64 * 1024];
            for (int i = 0; i < 16 * 1024; i++) {
                out.write(block);
            }
        });

        assertThat(verdict.unavailableReason()).contains(UnavailableReason.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void contentOverTheLimitIsTooLargeAndNotSentToTheEnd() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));
        ClamdClient client = client(clamd, settings(clamd).maxStreamSize(100).chunkSize(30));

        ClamAVVerdict verdict = client.scan(new byte[101]);

        assertThat(verdict.status()).isEqualTo(Status.TOO_LARGE);
        awaitRequest(clamd);
        assertThat(clamd.onlyRequest().ended).isFalse();
        assertThat(clamd.onlyRequest().content.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void contentOfExactlyTheLimitIsScanned() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        ClamAVVerdict verdict = client(clamd, settings(clamd).maxStreamSize(100)).scan(new byte[100]);

        assertThat(verdict.isClean()).isTrue();
    }

    @Test
    void writerSwallowingTheLimitFailureStillGetsTooLarge() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        ClamAVVerdict verdict = client(clamd, settings(clamd).maxStreamSize(10)).scan(out -> {
            try {
                out.write(new byte[20]);
            } catch (IOException e) {
                // A careless writer.
            }
        });

        assertThat(verdict.status()).isEqualTo(Status.TOO_LARGE);
    }

    @Test
    void writerWrappingTheLimitFailureStillGetsTooLarge() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        ClamAVVerdict verdict = client(clamd, settings(clamd).maxStreamSize(10)).scan(out -> {
            try {
                out.write(new byte[20]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(verdict.status()).isEqualTo(Status.TOO_LARGE);
    }

    @Test
    void clamdStoppingAtItsOwnLimitIsTooLarge() throws IOException {
        FakeClamd clamd = fake(FakeClamd.start((connection, fake) -> {
            fake.readInstream(connection, 1024 * 1024);
            fake.send(connection, "INSTREAM size limit exceeded. ERROR\0");
        }));
        ClamdClient client = client(clamd, settings(clamd).maxStreamSize(Long.MAX_VALUE));

        ClamAVVerdict verdict = client.scan(new byte[20 * 1024 * 1024]);

        assertThat(verdict.status()).isEqualTo(Status.TOO_LARGE);
    }

    @Test
    void largeContentIsStreamedWhole() throws IOException {
        AtomicInteger received = new AtomicInteger();
        FakeClamd clamd = fake(FakeClamd.start((connection, fake) -> {
            FakeClamd.Request request = fake.readInstream(connection, Long.MAX_VALUE);
            received.set(request.content.size());
            fake.send(connection, "stream: OK\0");
        }));
        int size = 30 * 1024 * 1024;

        ClamAVVerdict verdict = client(clamd, settings(clamd).maxStreamSize(size)).scan(out -> {
            byte[] block = new byte[1024 * 1024];
            for (int i = 0; i < 30; i++) {
                out.write(block);
            }
        });

        assertThat(verdict.isClean()).isTrue();
        assertThat(received.get()).isEqualTo(size);
    }

    @Test
    void contentWriterFailureIsThrownNotAVerdict() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));
        ClamdClient client = client(clamd);

        assertThatThrownBy(() -> client.scan(out -> {
            out.write(HELLO);
            throw new IOException("the blob store is down");
        })).isInstanceOf(IOException.class).hasMessage("the blob store is down");
    }

    @Test
    void contentWriterFailureDoesNotEndTheStream() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));

        try {
            client(clamd).scan(out -> {
                throw new IOException("the blob store is down");
            });
        } catch (IOException expected) {
            // What the test before checks.
        }

        awaitRequest(clamd);
        assertThat(clamd.onlyRequest().ended).isFalse();
    }

    @Test
    void opensNoMoreConnectionsThanAllowed() throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        FakeClamd clamd = fake(FakeClamd.start((connection, fake) -> {
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            fake.readInstream(connection, Long.MAX_VALUE);
            Thread.sleep(100);
            // Counted down before the reply: the client can only open another connection after it.
            open.decrementAndGet();
            fake.send(connection, "stream: OK\0");
        }));
        ClamdClient client = client(clamd, settings(clamd).maxConnections(2));
        ExecutorService threads = Executors.newFixedThreadPool(6);

        List<Future<ClamAVVerdict>> verdicts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            verdicts.add(threads.submit(() -> client.scan(HELLO)));
        }

        for (Future<ClamAVVerdict> verdict : verdicts) {
            assertThat(verdict.get(10, TimeUnit.SECONDS).isClean()).isTrue();
        }
        threads.shutdown();
        assertThat(maxOpen.get()).isEqualTo(2);
    }

    @Test
    void allConnectionsBusyForTheReadTimeoutIsUnavailable() throws Exception {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));
        ClamdClient client = client(clamd, settings(clamd).maxConnections(1).readTimeout(SHORT_TIMEOUT));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<ClamAVVerdict> first = thread.submit(() -> client.scan(out -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        writing.await();

        ClamAVVerdict second = client.scan(HELLO);

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        thread.shutdown();
        assertThat(second.unavailableReason()).contains(UnavailableReason.BUSY);
    }

    @Test
    void concurrentScansEachGetTheirOwnVerdict() throws Exception {
        FakeClamd clamd = fake(FakeClamd.replying(content -> new String(content, StandardCharsets.US_ASCII)
            .startsWith("virus") ? "stream: Test.Virus FOUND" : "stream: OK"));
        ClamdClient client = client(clamd, settings(clamd).maxConnections(4).chunkSize(7));
        ExecutorService threads = Executors.newFixedThreadPool(8);

        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            boolean virus = i % 2 == 0;
            byte[] content = ((virus ? "virus " : "clean ") + "message number " + i)
                .getBytes(StandardCharsets.US_ASCII);
            results.add(threads.submit(() -> client.scan(content).isInfected() == virus));
        }

        for (Future<Boolean> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        }
        threads.shutdown();
    }

    @Test
    void pingIsTrueWhenClamdAnswersPong() throws IOException {
        FakeClamd clamd = fake(FakeClamd.start((connection, fake) -> {
            connection.getInputStream().readNBytes("zPING\0".length());
            fake.send(connection, "PONG\0");
        }));

        assertThat(client(clamd).ping()).isTrue();
    }

    @Test
    void pingIsFalseWhenNothingListens() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThat(track(new ClamdClient(ClamdSettings.builder().port(closedPort).build())).ping()).isFalse();
    }

    @Test
    void closedClientRefusesToScan() throws IOException {
        FakeClamd clamd = fake(FakeClamd.replying("stream: OK"));
        ClamdClient client = client(clamd);

        client.close();

        assertThatThrownBy(() -> client.scan(HELLO)).isInstanceOf(IllegalStateException.class);
    }

    private FakeClamd fake(FakeClamd clamd) {
        return track(clamd);
    }

    private ClamdSettings.Builder settings(FakeClamd clamd) {
        return ClamdSettings.builder().host("127.0.0.1").port(clamd.port()).readTimeout(Duration.ofSeconds(10));
    }

    private ClamdClient client(FakeClamd clamd) {
        return client(clamd, settings(clamd));
    }

    private ClamdClient client(FakeClamd clamd, ClamdSettings.Builder settings) {
        return track(new ClamdClient(settings.build()));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** The fake reads on its own thread, which may not have seen the aborted connection yet. */
    private static void awaitRequest(FakeClamd clamd) {
        await().atMost(Duration.ofSeconds(5)).until(() -> !clamd.requests().isEmpty());
    }
}
