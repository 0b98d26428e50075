/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.e2e.support.MailUser;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.hostile.RawConnection;

/**
 * Hostile IMAP input (issue 7, items 4 and 5): literals that would make the server buffer what a client merely
 * announces (CVE-2024-37358, before and after login), sequence sets far larger than the mailbox (the
 * {@code COPY 1:4294967295} blow-up of James 3.8.1, JAMES-4041), overlong and binary command lines.
 *
 * <p>The server runs in this JVM, so its memory is this JVM's: the memory tests compare heap plus direct buffers
 * before and after many clients each try to make the server hold megabytes.
 */
class ImapHostileInputTest {
    private static final String DOMAIN = "imap-hostile.example";
    private static final long MB = 1024 * 1024;

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    static MailUser user;

    @BeforeAll
    static void provision() {
        server.webAdmin().addDomain(DOMAIN);
        user = MailUser.create(server, "ivy", DOMAIN);
    }

    @Test
    void hugeLiteralAnnouncedBeforeLoginIsRefusedWithoutAContinuation() {
        try (RawConnection imap = greeted()) {
            imap.send("a1 LOGIN {4294967295}");

            assertThat(imap.readLine()).startsWith("a1 BAD ");
            assertThat(imap.imap("a2", "NOOP")).startsWith("a2 OK");
        }
    }

    @Test
    void literalOverThePreLoginLimitIsRefusedWithoutAContinuation() {
        try (RawConnection imap = greeted()) {
            imap.send("a1 LOGIN {100000}");

            assertThat(imap.readLine()).startsWith("a1 BAD ");
            assertThat(imap.imap("a2", "NOOP")).startsWith("a2 OK");
        }
    }

    @Test
    void nonSynchronizingLiteralOverThePreLoginLimitIsRefusedBeforeItsDataArrives() {
        try (RawConnection imap = greeted()) {
            imap.readTimeoutMillis(10_000).send("a1 LOGIN {20000000+}");

            assertThat(imap.readLine()).startsWith("a1 BAD ");
            assertThat(imap.readLine()).startsWith("* BYE ");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void loginWithSmallSynchronizingLiteralsStillWorks() {
        try (RawConnection imap = RawConnection.connectTls(server.port(993))) {
            assertThat(imap.readLine()).startsWith("* OK");
            byte[] address = user.address().getBytes(StandardCharsets.US_ASCII);
            byte[] password = user.password().getBytes(StandardCharsets.US_ASCII);
            imap.send("a1 LOGIN {" + address.length + "}");
            assertThat(imap.readLine()).startsWith("+");
            imap.send(user.address() + " {" + password.length + "}");
            assertThat(imap.readLine()).startsWith("+");
            imap.send(user.password());

            assertThat(imap.readUntil("a1 ")).last().asString().startsWith("a1 OK");
        }
    }

    @Test
    void manyClientsAnnouncingHugeLiteralsAreRefusedAndTheServerStaysResponsive() {
        long before = usedMemory();
        List<RawConnection> clients = new ArrayList<>();
        try {
            for (int n = 0; n < 50; n++) {
                RawConnection imap = greeted();
                clients.add(imap);
                imap.send("a" + n + " LOGIN {100000000}");
                assertThat(imap.readLine()).as("client %d", n).startsWith("a" + n + " BAD ");
            }
            try (RawConnection next = greeted()) {
                assertThat(next.imap("b1", "NOOP")).startsWith("b1 OK");
            }
            assertThat(usedMemory() - before).as("memory the server holds for 50 announced 100 MB literals")
                .isLessThan(32 * MB);
        } finally {
            clients.forEach(RawConnection::close);
        }
    }

    @Test
    void literalDataSentBeforeLoginIsNotBuffered() {
        long before = usedMemory();
        byte[] fiveMegabytes = new byte[5 * 1024 * 1024];
        Arrays.fill(fiveMegabytes, (byte) 'x');
        List<RawConnection> clients = new ArrayList<>();
        try {
            for (int n = 0; n < 20; n++) {
                RawConnection imap = greeted();
                clients.add(imap);
                imap.readTimeoutMillis(10_000).send("a" + n + " LOGIN {" + fiveMegabytes.length + "+}");
                assertThat(refusalOrHangUp(imap, fiveMegabytes)).as("client %d", n).matches("(a" + n + " BAD .*|closed)");
            }
            assertThat(usedMemory() - before).as("memory the server holds for 20 clients that sent 5 MB literals")
                .isLessThan(32 * MB);
        } finally {
            clients.forEach(RawConnection::close);
        }
        try (RawConnection next = greeted()) {
            assertThat(next.imap("b1", "NOOP")).startsWith("b1 OK");
        }
    }

    /** Sends the literal and returns the server's first line, or "closed" if it hung up (the literal is refused). */
    private static String refusalOrHangUp(RawConnection imap, byte[] literal) {
        try {
            imap.sendBytes(literal);
        } catch (UncheckedIOException hungUp) {
            // Reset while writing: the server closed the connection without taking the literal.
        }
        try {
            return imap.readLine();
        } catch (IllegalStateException closed) {
            return "closed";
        } catch (UncheckedIOException reset) {
            if (reset.getCause() instanceof java.net.SocketTimeoutException) {
                throw reset;
            }
            return "closed";
        }
    }

    @Test
    void tooManyLiteralsInOneCommandAreRefusedAfterLogin() {
        try (RawConnection imap = loggedIn()) {
            assertThat(imap.imap("s1", "SELECT INBOX")).startsWith("s1 OK");
            String search = IntStream.range(0, 200).mapToObj(n -> "TEXT {1+}\r\nx").collect(Collectors.joining(" "));
            imap.send("s2 SEARCH " + search);

            assertThat(imap.readUntil("s2 ")).last().asString().startsWith("s2 BAD Too many literals");
            assertThat(imap.readLine()).startsWith("* BYE ");
            assertThat(imap.isClosedByServer()).isTrue();
        }
    }

    @Test
    void appendLargerThanTheLiteralLimitIsRefusedWithoutAContinuation() {
        try (RawConnection imap = loggedIn()) {
            imap.send("p1 APPEND INBOX {60000000}");

            assertThat(imap.readLine()).startsWith("p1 BAD ");
            assertThat(imap.imap("p2", "NOOP")).startsWith("p2 OK");
        }
    }

    @Test
    void hugeSequenceRangesOnAnEmptyMailboxGetOneReplyEach() {
        try (RawConnection imap = loggedIn()) {
            assertThat(imap.imap("e1", "CREATE Empty")).startsWith("e1 OK");
            assertThat(imap.imap("e2", "SELECT Empty")).startsWith("e2 OK");

            assertThat(imap.imap("e3", "COPY 1:4294967295 INBOX")).matches("e3 (OK|NO|BAD) .*");
            assertThat(imap.imap("e4", "FETCH 1:4294967295 (FLAGS)")).matches("e4 (OK|NO|BAD) .*");
            // RFC 3501 section 6.4.8 wants OK here (unknown UIDs are ignored); James 3.8.1 answers BAD on an empty mailbox.
            assertThat(imap.imap("e5", "UID FETCH 1:4294967295 (FLAGS)")).matches("e5 (OK|BAD) .*");
            assertThat(imap.imap("e6", "STORE 1:* +FLAGS (\\Seen)")).matches("e6 (OK|NO|BAD) .*");
            assertThat(imap.imap("e7", "UID COPY 1:4294967295 INBOX")).matches("e7 (OK|BAD) .*");
            assertThat(imap.imap("e8", "NOOP")).startsWith("e8 OK");
        }
    }

    @Test
    void copyOfHugeSequenceRangesCopiesTheMessagesThatExist() {
        try (RawConnection imap = loggedIn()) {
            assertThat(imap.imap("c1", "CREATE Source")).startsWith("c1 OK");
            assertThat(imap.imap("c2", "CREATE Target")).startsWith("c2 OK");
            assertThat(imap.imap("c3", "CREATE UidTarget")).startsWith("c3 OK");
            append(imap, "Source", "one");
            append(imap, "Source", "two");
            assertThat(imap.imap("c4", "SELECT Source")).startsWith("c4 OK");

            // RFC 3501 section 9 (seq-number): a sequence number past the last message is a BAD.
            assertThat(imap.imap("c5", "COPY 1:4294967295 Target")).startsWith("c5 BAD ");
            assertThat(imap.imap("c5b", "COPY 1:* Target")).startsWith("c5b OK");
            assertThat(imap.imap("c6", "UID COPY 1:4294967295 UidTarget")).startsWith("c6 OK");
            assertThat(imap.imap("c7", "UID FETCH 1:4294967295 (FLAGS)")).startsWith("c7 OK");
            assertThat(imap.imap("c8", "UID STORE 1:4294967295 +FLAGS (\\Flagged)")).startsWith("c8 OK");

            assertThat(status(imap, "Target")).contains("MESSAGES 2");
            assertThat(status(imap, "UidTarget")).contains("MESSAGES 2");
        }
    }

    @Test
    void sequenceSetWithThousandsOfRangesGetsOneReply() {
        try (RawConnection imap = loggedIn()) {
            assertThat(imap.imap("r1", "SELECT INBOX")).startsWith("r1 OK");
            String ranges = IntStream.range(0, 4_000).mapToObj(n -> (2 * n + 1) + ":" + (2 * n + 2))
                .collect(Collectors.joining(","));

            assertThat(imap.imap("r2", "UID FETCH " + ranges + " (FLAGS)")).matches("r2 (OK|NO|BAD) .*");
            assertThat(imap.imap("r3", "NOOP")).startsWith("r3 OK");
        }
    }

    @Test
    void overlongCommandLineGetsOneReplyAndTheServerServesTheNextClient() {
        try (RawConnection imap = greeted()) {
            imap.send("a1 NOOP " + "x".repeat(200_000));
            String reply = imap.readLine();
            assertThat(reply).matches("(a1 BAD|\\* BAD|\\* BYE) .*");
            if (!reply.startsWith("* BYE")) {
                assertThat(imap.imap("a2", "NOOP")).startsWith("a2 OK");
            }
        }
        try (RawConnection next = greeted()) {
            assertThat(next.imap("b1", "NOOP")).startsWith("b1 OK");
        }
    }

    @Test
    void binaryGarbageBeforeLoginEndsTheSessionCleanly() {
        try (RawConnection imap = greeted()) {
            imap.sendBytes(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0x7F, '\r', '\n'});
            // James says BYE to an unknown command before login; its BYE may be lost in the hang-up.
            assertThat(imap.readTimeoutMillis(10_000).isClosedByServer()).isTrue();
        }
        try (RawConnection next = greeted()) {
            assertThat(next.imap("b1", "NOOP")).startsWith("b1 OK");
        }
    }

    @Test
    void commandsOutOfOrderAreRefusedOneByOne() {
        try (RawConnection imap = greeted()) {
            assertThat(imap.imap("o1", "SELECT INBOX")).startsWith("o1 NO ");
            assertThat(imap.imap("o2", "FETCH 1 (FLAGS)")).startsWith("o2 NO ");
            assertThat(imap.imap("o3", "NOOP")).startsWith("o3 OK");
        }
        try (RawConnection imap = loggedIn()) {
            assertThat(imap.imap("o4", "FETCH 1 (FLAGS)")).startsWith("o4 NO ");
            assertThat(imap.imap("o5", "EXPUNGE")).startsWith("o5 NO ");
            assertThat(imap.imap("o6", "NOOP")).startsWith("o6 OK");
        }
    }

    private static RawConnection greeted() {
        RawConnection imap = RawConnection.connect(server.port(143));
        assertThat(imap.readLine()).startsWith("* OK");
        return imap;
    }

    private static RawConnection loggedIn() {
        RawConnection imap = RawConnection.connectTls(server.port(993));
        assertThat(imap.readLine()).startsWith("* OK");
        assertThat(imap.imap("l1", "LOGIN " + user.imapLoginArguments())).startsWith("l1 OK");
        return imap;
    }

    private static void append(RawConnection imap, String mailbox, String subject) {
        byte[] message = ("From: a@outside.example\r\nTo: " + user.address() + "\r\nSubject: " + subject
            + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        imap.send("ap APPEND " + mailbox + " {" + message.length + "}");
        assertThat(imap.readLine()).startsWith("+");
        imap.sendBytes(message).send("");
        assertThat(imap.readUntil("ap ")).last().asString().startsWith("ap OK");
    }

    private static String status(RawConnection imap, String mailbox) {
        return String.join("\n", imap.send("st STATUS " + mailbox + " (MESSAGES)").readUntil("st "));
    }

    /** Heap in use after a collection, plus the JVM's direct buffers (Netty's pooled buffers live there). */
    private static long usedMemory() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
            .mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return heap + direct + Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
    }
}
