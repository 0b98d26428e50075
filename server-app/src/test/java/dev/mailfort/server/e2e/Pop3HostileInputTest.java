/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.testing.hostile.RawConnection;

/**
 * Protocol garbage on POP3 port 110 (issue 7, item 4): one {@code -ERR} per bad line, the session in step after it
 * (CAPA then gets its own list), and the next client served.
 */
class Pop3HostileInputTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @AfterEach
    void serverStillServesTheNextClient() {
        try (RawConnection next = RawConnection.connect(server.port(110))) {
            assertThat(next.readLine()).startsWith("+OK");
            assertCapaAnswered(next);
        }
    }

    @Test
    void overlongCommandLineGetsOneError() {
        try (RawConnection pop3 = greeted()) {
            pop3.send("USER " + "u".repeat(100_000));

            assertThat(pop3.readLine()).startsWith("-ERR");
            assertCapaAnswered(pop3);
        }
    }

    @Test
    void binaryGarbageGetsOneError() {
        try (RawConnection pop3 = greeted()) {
            pop3.sendBytes(new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0xFE, 0x7F, '\r', '\n'});

            assertThat(pop3.readLine()).startsWith("-ERR");
            assertCapaAnswered(pop3);
        }
    }

    @Test
    void commandsOutOfOrderGetOneErrorEach() {
        try (RawConnection pop3 = greeted()) {
            assertThat(pop3.send("RETR 1").readLine()).startsWith("-ERR");
            assertThat(pop3.send("STAT").readLine()).startsWith("-ERR");
            assertThat(pop3.send("PASS secret").readLine()).startsWith("-ERR");
            assertThat(pop3.send("DELE 1").readLine()).startsWith("-ERR");
            assertCapaAnswered(pop3);
        }
    }

    @Test
    void manyCommandsInOnePacketGetOneReplyEach() {
        try (RawConnection pop3 = greeted()) {
            pop3.sendRaw("NOOP\r\n".repeat(500));
            for (int n = 0; n < 500; n++) {
                assertThat(pop3.readLine()).as("reply %d", n).startsWith("-ERR");
            }
            assertCapaAnswered(pop3);
        }
    }

    private static RawConnection greeted() {
        RawConnection pop3 = RawConnection.connect(server.port(110));
        assertThat(pop3.readLine()).startsWith("+OK");
        return pop3;
    }

    private static void assertCapaAnswered(RawConnection pop3) {
        assertThat(pop3.send("CAPA").readLine()).startsWith("+OK");
        assertThat(pop3.readUntil(".")).last().isEqualTo(".");
    }
}
