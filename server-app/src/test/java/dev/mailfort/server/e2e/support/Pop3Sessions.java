/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.net.pop3.POP3SClient;
import org.apache.commons.net.util.TrustManagerUtils;

import dev.mailfort.server.testing.LineDialogue;
import dev.mailfort.server.testing.MailfortServerExtension;

/** POP3 spoken by hand over {@link LineDialogue}, and commons-net clients set up as a mail user's would be. */
public final class Pop3Sessions {
    private Pop3Sessions() {
    }

    /** A session on 995 (implicit TLS), past the greeting and logged in with USER/PASS. */
    public static LineDialogue loggedIn(MailfortServerExtension server, MailUser user) {
        LineDialogue pop3 = LineDialogue.connectTls(server.port(995));
        assertThat(pop3.readLine()).startsWith("+OK ");
        assertThat(pop3.send("USER " + user.address()).readLine()).startsWith("+OK");
        assertThat(pop3.send("PASS " + user.password()).readLine()).isEqualTo("+OK Welcome " + user.address());
        return pop3;
    }

    /**
     * Sends a command answered by a multi-line response and returns its lines: the status line first, then the
     * data lines as sent (still dot-stuffed), without the terminating ".".
     */
    public static List<String> multiline(LineDialogue pop3, String command) {
        List<String> lines = new ArrayList<>();
        lines.add(pop3.send(command).readLine());
        if (!lines.get(0).startsWith("+OK")) {
            return lines;
        }
        for (String line = pop3.readLine(); !line.equals("."); line = pop3.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    /** A commons-net client on 995, connected (not logged in); the test server's self-signed certificate trusted. */
    public static POP3SClient implicitTlsClient(MailfortServerExtension server) throws Exception {
        POP3SClient client = new POP3SClient(true);
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setDefaultTimeout(30_000);
        client.connect("127.0.0.1", server.port(995));
        return client;
    }

    /** A commons-net client on 110, connected and upgraded with STLS (not logged in). */
    public static POP3SClient stlsClient(MailfortServerExtension server) throws Exception {
        POP3SClient client = new POP3SClient(false);
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setDefaultTimeout(30_000);
        client.connect("127.0.0.1", server.port(110));
        assertThat(client.execTLS()).as("STLS: " + client.getReplyString()).isTrue();
        return client;
    }
}
