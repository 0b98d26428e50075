/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.james.server.core.MimeMessageSource;

/**
 * The content of a queued mail, read from its file through a buffer.
 *
 * <p>ActiveMQ hands out a queued mail's file as a bare {@code FileInputStream}, and James parses the headers of the
 * mail it takes from the queue one byte at a time: a system call per byte of header. Profiled under load on 2 cores,
 * that copy was 8% of the server's CPU, for a 4 KiB message.
 */
final class BufferedBlobSource implements MimeMessageSource {
    static final int BUFFER_SIZE = 8192;

    private final MimeMessageSource file;

    BufferedBlobSource(MimeMessageSource file) {
        this.file = file;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new BufferedInputStream(file.getInputStream(), BUFFER_SIZE);
    }

    @Override
    public String getSourceId() {
        return file.getSourceId();
    }

    @Override
    public long getMessageSize() throws IOException {
        return file.getMessageSize();
    }
}
