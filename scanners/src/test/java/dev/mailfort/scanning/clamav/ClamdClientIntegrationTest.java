/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.mailfort.scanning.clamav.ClamAVVerdict.Status;
import dev.mailfort.scanning.clamav.ClamAVVerdict.UnavailableReason;
import dev.mailfort.testing.clamav.ClamdExtension;
import dev.mailfort.testing.clamav.Eicar;

/** Against a real clamd whose only signature is EICAR's. */
class ClamdClientIntegrationTest {
    @RegisterExtension
    static ClamdExtension clamd = new ClamdExtension();

    private final ClamdClient client = new ClamdClient(ClamdSettings.builder()
        .host(clamd.host())
        .port(clamd.port())
        .maxStreamSize(64L * 1024 * 1024)
        .build());

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void eicarIsInfectedWithTheTestSignature() {
        assertThat(client.scan(Eicar.bytes())).isEqualTo(ClamAVVerdict.infected(Eicar.REPORTED_SIGNATURE_NAME));
    }

    @Test
    void eicarInAZipIsInfected() {
        assertThat(client.scan(Eicar.inZip())).isEqualTo(ClamAVVerdict.infected(Eicar.REPORTED_SIGNATURE_NAME));
    }

    @Test
    void eicarInAZipInAZipIsInfected() {
        assertThat(client.scan(Eicar.inZipInZip())).isEqualTo(ClamAVVerdict.infected(Eicar.REPORTED_SIGNATURE_NAME));
    }

    @Test
    void zippedEicarAttachedToAMessageIsInfected() {
        assertThat(client.scan(messageWithAttachment(Eicar.inZip())))
            .isEqualTo(ClamAVVerdict.infected(Eicar.REPORTED_SIGNATURE_NAME));
    }

    @Test
    void cleanMessageIsClean() {
        assertThat(client.scan(messageWithAttachment("just a report".getBytes(StandardCharsets.US_ASCII))))
            .isEqualTo(ClamAVVerdict.clean());
    }

    @Test
    void contentOverClamdsStreamMaxLengthIsTooLarge() throws IOException {
        long size = clamd.streamMaxLength() * 10;

        ClamAVVerdict verdict = client.scan(out -> {
            byte[] block = new byte[64 * 1024];
            for (long sent = 0; sent < size; sent += block.length) {
                out.write(block);
            }
        });

        assertThat(verdict.status()).isEqualTo(Status.TOO_LARGE);
    }

    @Test
    void stoppedClamdIsUnavailable() {
        clamd.stop();

        ClamAVVerdict verdict = client.scan(Eicar.bytes());

        assertThat(verdict.status()).isEqualTo(Status.UNAVAILABLE);
        assertThat(verdict.unavailableReason()).contains(UnavailableReason.CONNECTION_REFUSED);
    }

    @Test
    void scansAgainOnceClamdIsBack() {
        clamd.stop();
        client.scan(Eicar.bytes());

        clamd.start();

        assertThat(client.scan("hello".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ClamAVVerdict.clean());
        assertThat(client.scan(Eicar.bytes()).isInfected()).isTrue();
    }

    @Test
    void answersPing() {
        assertThat(client.ping()).isTrue();
    }

    private static byte[] messageWithAttachment(byte[] attachment) {
        String message = "From: sender@example.com\r\n"
            + "To: recipient@example.com\r\n"
            + "Subject: the report\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"boundary\"\r\n"
            + "\r\n"
            + "--boundary\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "See attached.\r\n"
            + "--boundary\r\n"
            + "Content-Type: application/zip; name=\"report.zip\"\r\n"
            + "Content-Disposition: attachment; filename=\"report.zip\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n"
            + "--boundary--\r\n";
        return message.getBytes(StandardCharsets.US_ASCII);
    }
}
