/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rspamd;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Messages that get a known answer from the rspamd of {@link RspamdExtension}, and the action thresholds of its
 * configuration.
 *
 * <ul>
 *   <li>{@link #GTUBE} in the body: {@code reject} (rspamd's own test pattern, handled before any rule);</li>
 *   <li>a {@link #TRIGGER_HEADER} header with one of the {@code *_TRIGGER} values: {@code greylist},
 *       {@code add header}, {@code rewrite subject} (scored into that action's band by a test rule, so the reply
 *       carries the rule's symbol and a score), or {@code soft reject} (forced, with {@link #SOFT_REJECT_MESSAGE});</li>
 *   <li>{@link #plainBusinessMail()}: {@code no action}.</li>
 * </ul>
 * Messages are text with CRLF line ends, as on the wire.
 */
public final class RspamdTestMail {
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    public static final double GREYLIST_THRESHOLD = 4;
    public static final double ADD_HEADER_THRESHOLD = 6;
    public static final double REWRITE_SUBJECT_THRESHOLD = 10;
    public static final double REJECT_THRESHOLD = 15;
    /** rspamd replaces {@code %s} with the original subject. */
    public static final String SUBJECT_TEMPLATE = "***SPAM*** %s";

    public static final String TRIGGER_HEADER = "X-Mailfort-Rspamd-Test";
    public static final String GREYLIST_TRIGGER = "greylist";
    public static final String ADD_HEADER_TRIGGER = "add-header";
    public static final String REWRITE_SUBJECT_TRIGGER = "rewrite-subject";
    public static final String SOFT_REJECT_TRIGGER = "soft-reject";

    public static final String GREYLIST_SYMBOL = "MAILFORT_TEST_GREYLIST";
    public static final String ADD_HEADER_SYMBOL = "MAILFORT_TEST_ADD_HEADER";
    public static final String REWRITE_SUBJECT_SYMBOL = "MAILFORT_TEST_REWRITE_SUBJECT";
    public static final String SOFT_REJECT_SYMBOL = "MAILFORT_TEST_SOFT_REJECT";
    public static final String SOFT_REJECT_MESSAGE = "Try again later (Mailfort test trigger)";

    private static final String CRLF = "\r\n";
    private static final DateTimeFormatter RFC_5322_DATE =
        DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private RspamdTestMail() {
    }

    /** A short well-formed message whose body is the GTUBE line. */
    public static String gtube() {
        return message("Alice Martin <alice@example.com>", "Bob Durand <bob@example.org>", "Test message", "",
            "This is a test message." + CRLF + GTUBE + CRLF);
    }

    /** A well-formed message carrying {@link #TRIGGER_HEADER} with the given value. */
    public static String withTrigger(String trigger, String subject) {
        return message("Alice Martin <alice@example.com>", "Bob Durand <bob@example.org>", subject,
            TRIGGER_HEADER + ": " + trigger + CRLF,
            "Hello Bob," + CRLF + CRLF + "The figures are attached to the shared folder." + CRLF + CRLF + "Alice" + CRLF);
    }

    /** An ordinary business message, relayed once, with nothing spammy about it. */
    public static String plainBusinessMail() {
        return "Received: from mx.example.com (mx.example.com [192.0.2.10])" + CRLF
            + "\tby mail.example.org with ESMTPS id 4F1C2A3B" + CRLF
            + "\tfor <bob@example.org>; " + now() + CRLF
            + message("Alice Martin <alice@example.com>", "Bob Durand <bob@example.org>",
                "Minutes of Thursday's budget meeting", "",
                "Hello Bob," + CRLF + CRLF
                    + "Please find below the points we agreed on during Thursday's meeting." + CRLF
                    + "The budget for the second quarter stays as planned, and the team will" + CRLF
                    + "send the revised figures by Friday." + CRLF + CRLF
                    + "Best regards," + CRLF + "Alice" + CRLF);
    }

    private static String message(String from, String to, String subject, String extraHeaders, String body) {
        return "From: " + from + CRLF
            + "To: " + to + CRLF
            + "Subject: " + subject + CRLF
            + "Message-ID: <" + Integer.toHexString(body.hashCode()) + "." + System.nanoTime() + "@example.com>" + CRLF
            + "Date: " + now() + CRLF
            + "MIME-Version: 1.0" + CRLF
            + "Content-Type: text/plain; charset=UTF-8" + CRLF
            + "Content-Transfer-Encoding: 7bit" + CRLF
            + extraHeaders
            + CRLF
            + body;
    }

    /**
     * The messages are dated now: rspamd scores a Date more than a few hours old (DATE_IN_PAST), and a fixed date
     * pushed the greylist trigger out of its band a day after it was written.
     */
    private static String now() {
        return RFC_5322_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    }
}
