/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The body of an INSTREAM command: what is written here goes to clamd as chunks, each a 4-byte big-endian length
 * followed by that many bytes; {@link #finish()} sends the zero-length chunk that ends the stream.
 *
 * <p>Content writers (such as {@code MimeMessage.writeTo}) are free to catch and wrap the exceptions this stream
 * throws. So the stream remembers why it failed, and the client asks it, rather than trusting the exception that
 * comes out of the writer.
 */
final class InstreamOutputStream extends OutputStream {
    private static final byte[] COMMAND = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH_BYTES = 4;

    private final OutputStream connection;
    private final StallGuard guard;
    private final long maxSize;
    /** The length prefix and the data of one chunk, so that each chunk is a single socket write. */
    private final byte[] chunk;
    private int count;
    private long total;
    private boolean limitExceeded;
    private IOException connectionFailure;

    InstreamOutputStream(OutputStream connection, StallGuard guard, int chunkSize, long maxSize) {
        this.connection = connection;
        this.guard = guard;
        this.maxSize = maxSize;
        this.chunk = new byte[LENGTH_BYTES + chunkSize];
    }

    void sendCommand() throws IOException {
        send(COMMAND, COMMAND.length);
    }

    @Override
    public void write(int b) throws IOException {
        reserve(1);
        if (count == chunk.length - LENGTH_BYTES) {
            sendChunk();
        }
        chunk[LENGTH_BYTES + count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (offset < 0 || length < 0 || length > bytes.length - offset) {
            throw new IndexOutOfBoundsException();
        }
        reserve(length);
        int written = 0;
        while (written < length) {
            if (count == chunk.length - LENGTH_BYTES) {
                sendChunk();
            }
            int part = Math.min(length - written, chunk.length - LENGTH_BYTES - count);
            System.arraycopy(bytes, offset + written, chunk, LENGTH_BYTES + count, part);
            count += part;
            written += part;
        }
    }

    /** Chunks are sent when full; a writer flushing after every line must not turn into tiny chunks. */
    @Override
    public void flush() {
    }

    /** The connection belongs to the client: a writer closing the stream must not close it. */
    @Override
    public void close() {
    }

    /** Sends what is buffered and the end-of-stream marker. */
    void finish() throws IOException {
        checkUsable();
        sendChunk();
        send(new byte[LENGTH_BYTES], LENGTH_BYTES);
        try {
            connection.flush();
        } catch (IOException e) {
            connectionFailure = e;
            throw e;
        }
    }

    boolean limitExceeded() {
        return limitExceeded;
    }

    /** The failure of the connection to clamd, if sending failed; null otherwise. */
    IOException connectionFailure() {
        return connectionFailure;
    }

    long bytesAccepted() {
        return total;
    }

    private void reserve(int length) throws IOException {
        checkUsable();
        // Checked before anything is sent, so clamd never receives more than maxSize bytes.
        if (total + length > maxSize) {
            limitExceeded = true;
            throw new IOException("The content is larger than " + maxSize + " bytes");
        }
        total += length;
    }

    private void checkUsable() throws IOException {
        if (limitExceeded) {
            throw new IOException("The content is larger than " + maxSize + " bytes");
        }
        if (connectionFailure != null) {
            throw new IOException("The connection to clamd failed", connectionFailure);
        }
    }

    private void sendChunk() throws IOException {
        if (count == 0) {
            return;
        }
        chunk[0] = (byte) (count >>> 24);
        chunk[1] = (byte) (count >>> 16);
        chunk[2] = (byte) (count >>> 8);
        chunk[3] = (byte) count;
        send(chunk, LENGTH_BYTES + count);
        count = 0;
    }

    private void send(byte[] bytes, int length) throws IOException {
        try {
            guard.progress();
            connection.write(bytes, 0, length);
            guard.progress();
        } catch (IOException e) {
            connectionFailure = e;
            throw e;
        }
    }
}
