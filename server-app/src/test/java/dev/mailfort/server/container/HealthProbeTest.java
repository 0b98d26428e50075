/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class HealthProbeTest {
    private HttpServer webAdmin;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (webAdmin != null) {
            webAdmin.stop(0);
        }
    }

    @Test
    void healthyWhenWebAdminAnswers200() throws IOException {
        URI uri = answering(200, "{\"status\":\"healthy\"}");

        assertThat(HealthProbe.check(uri, out())).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("200 {\"status\":\"healthy\"}");
    }

    @Test
    void unhealthyWhenWebAdminAnswers503() throws IOException {
        URI uri = answering(503, "{\"status\":\"unhealthy\"}");

        assertThat(HealthProbe.check(uri, out())).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("503 {\"status\":\"unhealthy\"}");
    }

    @Test
    void unhealthyWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }

        assertThat(HealthProbe.check(URI.create("http://127.0.0.1:" + port + "/healthcheck"), out())).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("No answer from");
    }

    @Test
    void theUriFollowsTheGeneratedWebAdminConfiguration(@TempDir Path workingDirectory) throws IOException {
        Files.createDirectories(workingDirectory.resolve("conf"));
        Files.writeString(workingDirectory.resolve("conf/webadmin.properties"), "enabled=true\nport=8123\nhost=0.0.0.0\n");

        assertThat(HealthProbe.healthUri(workingDirectory)).isEqualTo(URI.create("http://127.0.0.1:8123/healthcheck"));
    }

    @Test
    void theDefaultUriIsWebAdminsDefault(@TempDir Path workingDirectory) {
        assertThat(HealthProbe.healthUri(workingDirectory)).isEqualTo(URI.create("http://127.0.0.1:8000/healthcheck"));
    }

    private PrintStream out() {
        return new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    private URI answering(int status, String body) throws IOException {
        webAdmin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webAdmin.createContext("/healthcheck", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        webAdmin.start();
        return URI.create("http://127.0.0.1:" + webAdmin.getAddress().getPort() + "/healthcheck");
    }
}
