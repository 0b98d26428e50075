/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.server.container.WebAdminCommand;
import dev.mailfort.server.testing.MailfortServerExtension;
import dev.mailfort.server.testing.WebAdminClient;

/** The admin API: reachable on loopback, reports the health of Cassandra and the queue, not exposed elsewhere. */
class WebAdminTest {
    @RegisterExtension
    static MailfortServerExtension server = new MailfortServerExtension();

    @Test
    void healthCheckReportsCassandraAndTheMailQueueHealthy() {
        WebAdminClient.Response health = server.webAdmin().get("/healthcheck");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body())
            .contains("\"status\":\"healthy\"")
            .contains("\"componentName\":\"Cassandra backend\"")
            .contains("\"componentName\":\"Embedded ActiveMQ\"");
    }

    @Test
    void domainsAndUsersCreatedThroughWebAdminAreListed() {
        server.webAdmin().addDomain("listed.example");
        server.webAdmin().addUser("gina@listed.example", "gina-Secret-42");

        assertThat(server.webAdmin().get("/domains").body()).contains("\"listed.example\"");
        assertThat(server.webAdmin().get("/users").body()).contains("\"gina@listed.example\"");
    }

    @Test
    void theImagesWebadminCommandCreatesADomainAndAUserWithThePasswordFromStandardInput() {
        assertThat(webadminCommand("", "PUT", "/domains/command.example")).isEqualTo(new CommandResult(0, "", ""));
        assertThat(webadminCommand("{\"password\":\"hugo-Secret-42\"}", "put", "/users/hugo@command.example", "-"))
            .isEqualTo(new CommandResult(0, "", ""));

        CommandResult users = webadminCommand("", "/users");
        assertThat(users.code()).isZero();
        assertThat(users.out()).contains("\"hugo@command.example\"");
    }

    @Test
    void theWebadminCommandExitsWithOneAndTheStatusWhenWebAdminRefuses() {
        CommandResult result = webadminCommand("", "PUT", "/users/nobody@unknown-domain.example", "{\"password\":\"x-Secret-42\"}");

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).matches("WebAdmin answered 4\\d\\d to PUT /users/nobody@unknown-domain.example\\s*");
    }

    @Test
    void theWebadminCommandPrintsItsUsageForWrongArguments() {
        assertThat(webadminCommand("", "PUT", "domains/x")).isEqualTo(new CommandResult(2, "", WebAdminCommand.USAGE + "\n"));
    }

    private record CommandResult(int code, String out, String err) {
    }

    private static CommandResult webadminCommand(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new WebAdminCommand(URI.create("http://127.0.0.1:" + server.port(8000)), Map.of())
            .run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandResult(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        // Read the kernel's tables of listening sockets instead of connecting to another address of the host.
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/net/tcp")), "needs Linux's /proc/net");
        String port = String.format("%04X", server.port(8000));

        List<String> listeners = Stream.of("/proc/net/tcp", "/proc/net/tcp6")
            .map(Path::of)
            .filter(Files::exists)
            .flatMap(WebAdminTest::lines)
            .map(line -> line.trim().split("\\s+"))
            .filter(fields -> fields.length > 3 && fields[3].equals("0A") && fields[1].endsWith(":" + port))
            .map(fields -> fields[1].substring(0, fields[1].indexOf(':')))
            .collect(Collectors.toList());

        assertThat(listeners).isNotEmpty().allSatisfy(address -> assertThat(address).isIn(
            "0100007F",                            // 127.0.0.1
            "0000000000000000FFFF00000100007F",    // 127.0.0.1 on an IPv6 socket
            "00000000000000000000000001000000"));  // ::1
    }

    private static Stream<String> lines(Path table) {
        try {
            return Files.readAllLines(table).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
