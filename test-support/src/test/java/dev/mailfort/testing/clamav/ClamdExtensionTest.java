/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.clamav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClamdExtensionTest {
    @RegisterExtension
    static ClamdExtension clamd = new ClamdExtension();

    @Test
    void answersPing() {
        assertThat(clamd.clamd().ping()).isTrue();
    }

    @Test
    void listensOnLoopback() {
        assertThat(clamd.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void detectsEicarWithTheTestSignature() throws IOException {
        assertThat(instream(Eicar.bytes())).isEqualTo("stream: " + Eicar.REPORTED_SIGNATURE_NAME + " FOUND");
    }

    @Test
    void findsNothingInOtherContent() throws IOException {
        assertThat(instream("Hello, world".getBytes(StandardCharsets.US_ASCII))).isEqualTo("stream: OK");
    }

    @Test
    void databaseHoldsOnlyTheTestSignature() throws IOException {
        try (var files = Files.list(clamd.clamd().databaseDirectory())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("mailfort-tests.hdb");
        }
    }

    @Test
    void refusesConnectionsOnceStopped() {
        clamd.stop();

        assertThat(clamd.isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket(clamd.host(), clamd.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void answersAgainOnTheSamePortOnceStarted() throws IOException {
        int port = clamd.port();
        clamd.stop();

        clamd.start();

        assertThat(clamd.port()).isEqualTo(port);
        assertThat(instream(Eicar.bytes())).endsWith("FOUND");
    }

    @Test
    void isRunningAgainForTheNextTest() {
        // Whatever order the tests run in, none finds clamd stopped by another.
        assertThat(clamd.isRunning()).isTrue();
    }

    private static String instream(byte[] content) throws IOException {
        try (Socket socket = new Socket(clamd.host(), clamd.port())) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(request);
            data.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            data.writeInt(content.length);
            data.write(content);
            data.writeInt(0);
            socket.getOutputStream().write(request.toByteArray());
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int b = in.read(); b > 0; b = in.read()) {
                reply.append((char) b);
            }
            return reply.toString();
        }
    }
}
