/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.senderauth.dkim.DkimKeyAlgorithm;
import dev.mailfort.senderauth.dkim.PemPrivateKeys;

class DkimKeysTest {
    @TempDir
    Path directory;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void generateWritesAnOwnerOnlyRsaKeyAndPrintsItsRecord() throws Exception {
        int status = run("generate", "Example.com", "2026a", "rsa", "--dir", directory.toString());

        Path file = directory.resolve("example.com/2026a.rsa.pem");
        assertThat(status).isZero();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(output()).contains("2026a._domainkey.example.com. IN TXT ( \"v=DKIM1; k=rsa; p=")
            .contains("Record text: v=DKIM1; k=rsa; p=");
    }

    @Test
    void recordPrintsTheSameTextAsGenerateForEd25519() throws Exception {
        run("generate", "example.com", "ed1", "ed25519", "--dir", directory.toString());
        String generated = line("Record text: ");
        out.reset();

        int status = run("record", "example.com", "ed1", "--dir", directory.toString());

        assertThat(status).isZero();
        assertThat(line("Record text: ")).isEqualTo(generated).startsWith("Record text: v=DKIM1; k=ed25519; p=");
    }

    @Test
    void derivedPublicKeysMatchThePrivateOnes() throws Exception {
        for (DkimKeyAlgorithm algorithm : DkimKeyAlgorithm.values()) {
            var keys = algorithm.generate();
            PrivateKey reread = PemPrivateKeys.decode(PemPrivateKeys.encode(keys.getPrivate()), algorithm);

            assertThat(DkimKeys.publicKeyOf(reread).getEncoded()).as(algorithm.name())
                .isEqualTo(keys.getPublic().getEncoded());
        }
    }

    @Test
    void anExistingKeyIsNeverReplaced() throws Exception {
        run("generate", "example.com", "s1", "--dir", directory.toString());
        String first = Files.readString(directory.resolve("example.com/s1.rsa.pem"));

        int status = run("generate", "example.com", "s1", "rsa", "--dir", directory.toString());

        assertThat(status).isEqualTo(1);
        assertThat(Files.readString(directory.resolve("example.com/s1.rsa.pem"))).isEqualTo(first);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists");
    }

    @Test
    void unknownKeyTypeAndWrongUsageAreRefused() {
        assertThat(run("generate", "example.com", "s1", "dsa", "--dir", directory.toString())).isEqualTo(1);
        assertThat(run("sign", "example.com")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: DkimKeys generate");
    }

    @Test
    void recordOfAMissingKeyFails() {
        assertThat(run("record", "example.com", "nope", "--dir", directory.toString())).isEqualTo(1);
    }

    private int run(String... args) {
        return DkimKeys.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String line(String prefix) {
        return output().lines().filter(line -> line.startsWith(prefix)).findFirst().orElseThrow();
    }
}
