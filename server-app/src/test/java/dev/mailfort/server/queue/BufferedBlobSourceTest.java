/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.junit.jupiter.api.Test;

class BufferedBlobSourceTest {
    private static final byte[] MESSAGE = message();

    private final AtomicInteger readsFromFile = new AtomicInteger();

    @Test
    void theMailTakenFromTheQueueIsCopiedInBlocksRatherThanAByteAtATime() throws Exception {
        MimeMessageWrapper queued = new MimeMessageWrapper(new BufferedBlobSource(countingFile()));

        // What James does with each mail it takes from the queue (MailImpl.setMessage).
        MimeMessageWrapper copy = new MimeMessageWrapper(queued);

        assertThat(readsFromFile.get()).isLessThan(10);
        assertThat(bytesOf(copy)).isEqualTo(MESSAGE);
    }

    @Test
    void withoutTheBufferTheSameCopyReadsTheFileOnceForEachHeaderByte() throws Exception {
        MimeMessageWrapper queued = new MimeMessageWrapper(countingFile());

        new MimeMessageWrapper(queued);

        assertThat(readsFromFile.get()).isGreaterThan(1000);
    }

    @Test
    void keepsTheIdentityAndSizeOfTheQueuedFile() throws Exception {
        BufferedBlobSource source = new BufferedBlobSource(countingFile());

        assertThat(source.getSourceId()).isEqualTo("queued-file");
        assertThat(source.getMessageSize()).isEqualTo(MESSAGE.length);
    }

    private MimeMessageSource countingFile() {
        return new MimeMessageSource() {
            @Override
            public InputStream getInputStream() {
                return new FilterInputStream(new ByteArrayInputStream(MESSAGE)) {
                    @Override
                    public int read() throws IOException {
                        readsFromFile.incrementAndGet();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        readsFromFile.incrementAndGet();
                        return super.read(buffer, offset, length);
                    }
                };
            }

            @Override
            public String getSourceId() {
                return "queued-file";
            }

            @Override
            public long getMessageSize() {
                return MESSAGE.length;
            }
        };
    }

    private static byte[] bytesOf(MimeMessageWrapper message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    /** The header block of a mail that went through the MX: trace, authentication results, spam verdict. */
    private static byte[] message() {
        StringBuilder text = new StringBuilder();
        for (int hop = 0; hop < 12; hop++) {
            text.append("Received: from relay").append(hop).append(".sender.example (relay").append(hop)
                .append(".sender.example [192.0.2.").append(hop).append("])\r\n\tby mx.example.com with ESMTPS\r\n");
        }
        text.append("Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=sender.example; dkim=pass\r\n")
            .append("X-Spam-Action: no action\r\n")
            .append("From: someone@sender.example\r\n")
            .append("To: user@example.com\r\n")
            .append("Subject: queued\r\n")
            .append("\r\n")
            .append("body line\r\n".repeat(300));
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
