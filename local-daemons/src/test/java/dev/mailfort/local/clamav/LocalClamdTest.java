/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.clamav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs Debian's clamav-daemon, as every ClamAV test does. */
class LocalClamdTest {
    @TempDir
    Path directory;

    private LocalClamd clamd;

    @AfterEach
    void stop() {
        if (clamd != null) {
            clamd.stop();
        }
    }

    @Test
    void eicarOnlyDetectsEicarAndNothingElse() throws IOException {
        clamd = LocalClamd.in(ClamdBinary.find(), directory, ClamdOptions.builder(ClamdSignatures.eicarOnly()).build());

        clamd.start();

        assertThat(clamd.ping()).isTrue();
        assertThat(instream(eicar())).isEqualTo("stream: Eicar-Test-Signature.UNOFFICIAL FOUND");
        assertThat(instream("Hello, world".getBytes(StandardCharsets.US_ASCII))).isEqualTo("stream: OK");
    }

    @Test
    void comesBackOnTheSamePortAfterAStop() {
        clamd = LocalClamd.in(ClamdBinary.find(), directory, ClamdOptions.builder(ClamdSignatures.eicarOnly()).build());
        clamd.start();
        int port = clamd.port();

        clamd.stop();
        assertThat(clamd.isRunning()).isFalse();
        assertThat(clamd.ping()).isFalse();
        clamd.start();

        assertThat(clamd.port()).isEqualTo(port);
        assertThat(clamd.ping()).isTrue();
    }

    @Test
    void aPrivateDatabaseIsNeverReloadedAndTheDefaultsAreDebians() throws IOException {
        clamd = LocalClamd.in(Path.of("/usr/sbin/clamd"), directory,
            ClamdOptions.builder(ClamdSignatures.eicarOnly()).build());

        assertThat(Files.readAllLines(clamd.configFile()))
            .contains("TCPAddr 127.0.0.1", "TCPSocket " + clamd.port(), "StreamMaxLength " + 25 * 1024 * 1024,
                "MaxThreads 12", "SelfCheck 0", "Bytecode no", "DatabaseDirectory " + directory.resolve("db"));
        assertThat(clamd.databaseDirectory()).isEqualTo(directory.resolve("db"));
    }

    @Test
    void theSystemDatabaseIsReadInPlaceAndReloadedWithItsBytecode() throws IOException {
        Path system = Files.createDirectories(directory.resolve("var-lib-clamav"));
        clamd = LocalClamd.in(Path.of("/usr/sbin/clamd"), directory.resolve("clamd"),
            ClamdOptions.builder(ClamdSignatures.systemDatabase(system)).streamMaxLength(1024).build());

        assertThat(Files.readAllLines(clamd.configFile()))
            .contains("DatabaseDirectory " + system, "StreamMaxLength 1024")
            .noneMatch(line -> line.startsWith("SelfCheck") || line.startsWith("Bytecode"));
        assertThat(ClamdOptions.builder(ClamdSignatures.systemDatabase(system)).build().startTimeout())
            .isGreaterThan(Duration.ofMinutes(1));
    }

    private String instream(byte[] content) throws IOException {
        try (Socket socket = new Socket(clamd.host(), clamd.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, (byte) content.length});
            out.write(content);
            out.write(new byte[4]);
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            for (int b = in.read(); b > 0; b = in.read()) {
                reply.append((char) b);
            }
            return reply.toString();
        }
    }

    // In two pieces, so that no file of the build holds the whole EICAR string for a virus scanner to find.
    private static byte[] eicar() {
        return new StringBuilder("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR").append("-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
            .toString().getBytes(StandardCharsets.US_ASCII);
    }
}
