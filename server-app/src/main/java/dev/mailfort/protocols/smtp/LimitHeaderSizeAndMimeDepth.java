/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.james.util.Size;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, at the end of DATA and before the 250, a message whose header section is larger than
 * {@code maxHeaderSize} ({@code 552 5.3.4}) or whose multiparts and attached messages nest deeper than
 * {@code maxMimeDepth} ({@code 554 5.6.0}, RFC 3463's media error). Both shapes are what parsers choke on: mail
 * clients, JavaMail (which holds a part's headers in memory) and our own scanners would otherwise have to cope with
 * them after we had taken responsibility for the message.
 *
 * <p>Defaults and why: a header section of 1 MB (Exim's {@code header_maxsize}; real mail, long Received, DKIM and
 * ARC chains included, stays far below 100 kB) and 100 levels of nesting (Postfix's {@code mime_nesting_limit};
 * real mail rarely goes beyond 5). Parameters, in the {@code <handlerchain>} of an SMTP server in
 * {@code conf/smtpserver.xml}, before the handlers that read the message:
 * <pre>{@code
 * <handler class="dev.mailfort.protocols.smtp.LimitHeaderSizeAndMimeDepth">
 *     <maxHeaderSize>1M</maxHeaderSize>    <!-- bytes, or with a unit: 512K, 1M -->
 *     <maxMimeDepth>100</maxMimeDepth>
 * </handler>
 * }</pre>
 */
public class LimitHeaderSizeAndMimeDepth implements JamesMessageHook {
    static final long DEFAULT_MAX_HEADER_SIZE = 1024 * 1024;
    static final int DEFAULT_MAX_MIME_DEPTH = 100;

    private static final Logger LOGGER = LoggerFactory.getLogger(LimitHeaderSizeAndMimeDepth.class);

    private MessageStructureLimits limits = new MessageStructureLimits(DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_MIME_DEPTH);

    @Override
    public void init(Configuration config) throws ConfigurationException {
        try {
            String headerSize = config.getString("maxHeaderSize", null);
            long maxHeaderSize = headerSize == null || headerSize.isBlank() ? DEFAULT_MAX_HEADER_SIZE
                : Size.parse(headerSize.trim()).asBytes();
            limits = new MessageStructureLimits(maxHeaderSize, config.getInt("maxMimeDepth", DEFAULT_MAX_MIME_DEPTH));
        } catch (IllegalArgumentException | org.apache.commons.configuration2.ex.ConversionException e) {
            throw new ConfigurationException(getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        LOGGER.info("Refusing messages with a header section over {} bytes or MIME nested over {} levels",
            limits.maxHeaderBytes(), limits.maxMimeDepth());
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<MessageStructureLimits.Violation> violation;
        try {
            MimeMessage message = mail.getMessage();
            violation = limits.check(() -> rawStream(message));
        } catch (IOException | UncheckedIOException | MessagingException e) {
            LOGGER.warn("Could not read the message to check its header size and MIME depth", e);
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode("451")
                .smtpDescription("4.3.0 Temporary problem reading the message, try again later")
                .build();
        }
        return violation.map(this::refusal).orElse(HookResult.DECLINED);
    }

    private HookResult refusal(MessageStructureLimits.Violation violation) {
        LOGGER.info("Refused a message: {}", violation);
        return switch (violation) {
            case HEADER_TOO_LARGE -> HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("552")
                .smtpDescription("5.3.4 Message header section larger than " + limits.maxHeaderBytes() + " bytes")
                .build();
            case MIME_TOO_DEEP -> HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("554")
                .smtpDescription("5.6.0 MIME structure nested deeper than " + limits.maxMimeDepth() + " levels")
                .build();
        };
    }

    private static InputStream rawStream(MimeMessage message) throws IOException {
        try {
            if (message instanceof MimeMessageWrapper wrapper) {
                return wrapper.getMessageInputStream();
            }
            // Not what the SMTP server hands us; kept for other callers.
            ByteArrayOutputStream copy = new ByteArrayOutputStream();
            message.writeTo(copy);
            return new ByteArrayInputStream(copy.toByteArray());
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }
}
