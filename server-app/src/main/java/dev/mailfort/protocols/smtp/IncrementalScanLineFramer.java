/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.james.protocols.api.CommandDetectionSession;
import org.apache.james.protocols.netty.AllButStartTlsLineBasedChannelHandler;
import org.apache.james.smtpserver.ExtendedSMTPSession;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.util.AttributeKey;

/**
 * James's SMTP line framer (with its STARTTLS command injection check), called only once a line is complete or over
 * the limit.
 *
 * <p>Before the first DATA, James's framer copies and lower-cases everything buffered so far on every read, to look
 * for an injected command: a client trickling one long line byte by byte costs the square of the line's length.
 * Harmless at James's 8192 octets, it would cost seconds of CPU per connection at the longer lines we accept
 * ({@link LongLineSafeSmtpServer}). Here each buffered byte is looked at once until a line end arrives; the framer
 * then sees exactly what it would have seen.
 *
 * <p>Also decides itself when to look for injected commands: in clear text, outside a message. James 3.8.1 stops
 * looking at the first DATA of a session and never starts again ({@code DataCmdHandler} calls the getter where it
 * means the setter), so {@code STARTTLS} pipelined with another command after a message went undetected and the
 * other command was answered inside TLS (RFC 3207 section 4, CVE-2011-0411 class).
 */
class IncrementalScanLineFramer extends AllButStartTlsLineBasedChannelHandler {
    // James's own flag, set once STARTTLS is framed: from then on any byte in clear text is an injection to report.
    private static final AttributeKey<Object> START_TLS_IN_FLIGHT = AttributeKey.valueOf("startTlsInFlight");

    private final int maxLineLength;
    private ByteBuf scannedBuffer;
    private int scannedFrom = -1;
    private int scannedUpTo;

    IncrementalScanLineFramer(ChannelPipeline pipeline, int maxLineLength) {
        super(pipeline, maxLineLength, false, "starttls");
        this.maxLineLength = maxLineLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        boolean startTlsInFlight = Boolean.TRUE.equals(ctx.channel().attr(START_TLS_IN_FLIGHT).get());
        if (!startTlsInFlight && buffer.readableBytes() <= maxLineLength && !holdsLineEnd(buffer)) {
            return null;
        }
        scannedBuffer = null;
        return super.decode(ctx, buffer);
    }

    @Override
    protected CommandDetectionSession retrieveSession(ChannelHandlerContext ctx) {
        CommandDetectionSession session = super.retrieveSession(ctx);
        return session instanceof ExtendedSMTPSession ? new DetectionInClearTextOutsideMessages((ExtendedSMTPSession) session)
            : session;
    }

    private boolean holdsLineEnd(ByteBuf buffer) {
        boolean sameBytes = buffer == scannedBuffer && buffer.readerIndex() == scannedFrom
            && scannedUpTo <= buffer.writerIndex();
        int from = sameBytes ? scannedUpTo : buffer.readerIndex();
        boolean found = buffer.indexOf(from, buffer.writerIndex(), (byte) '\n') >= 0;
        scannedBuffer = buffer;
        scannedFrom = buffer.readerIndex();
        scannedUpTo = buffer.writerIndex();
        return found;
    }

    /** James's session, but the answer to "look for injected commands?" is ours. */
    private static final class DetectionInClearTextOutsideMessages implements CommandDetectionSession {
        private final ExtendedSMTPSession session;

        private DetectionInClearTextOutsideMessages(ExtendedSMTPSession session) {
            this.session = session;
        }

        @Override
        public boolean needsCommandInjectionDetection() {
            // Inside a message a line may start with "STARTTLS"; once TLS is on, injection is moot.
            return !session.isTLSStarted() && session.getMimeMessageWriter() == null;
        }

        @Override
        public void startDetectingCommandInjection() {
            session.startDetectingCommandInjection();
        }

        @Override
        public void stopDetectingCommandInjection() {
            session.stopDetectingCommandInjection();
        }
    }
}
