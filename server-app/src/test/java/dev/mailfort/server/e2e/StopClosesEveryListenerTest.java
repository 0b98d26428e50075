/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.ProtocolListeners;
import dev.mailfort.server.testing.MailfortServerExtension;

/**
 * A stop first closes every protocol listener of the production conf at once (James alone closed them one after the
 * other, 2 s each), then the rest of the server stops as before.
 */
class StopClosesEveryListenerTest {
    /** SMTP, submissions, submission, IMAP, IMAPS, POP3, POP3S, ManageSieve (LMTP is off in the production conf). */
    private static final List<Integer> PROTOCOL_PORTS = List.of(25, 465, 587, 143, 993, 110, 995, 4190);

    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @Test
    void everyProtocolListenerIsClosedAndTheServerThenStopsCleanly() throws Exception {
        PROTOCOL_PORTS.forEach(port -> assertThat(accepts(server.port(port))).as("port %d before", port).isTrue());

        server.guiceServer().getProbe(ProtocolListeners.class).closeTogether();

        PROTOCOL_PORTS.forEach(port -> assertThat(accepts(server.port(port))).as("port %d after", port).isFalse());
        assertThat(server.webAdmin().get("/domains").status()).as("the rest still runs until the stop").isEqualTo(200);

        // The stop then finds the listeners closed, and a start on the same state serves again.
        server.restart();
        assertThat(accepts(server.port(25))).isTrue();
        assertThat(accepts(server.port(993))).isTrue();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
