/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.DsnParameters;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the sender of a mail that could not be delivered a delivery status notification: RFC 3464
 * {@code multipart/report; report-type=delivery-status} with a human-readable part, a {@code message/delivery-status}
 * part (Reporting-MTA, and per recipient Final-Recipient, Action: failed, an RFC 3463 Status code, the remote
 * server's reply as Diagnostic-Code), and the original message, or only its header with {@code RET=HDRS}
 * (RFC 3461). The notification leaves with an empty reverse-path, as RFC 5321 section 4.5.5 requires, so that it can
 * never be bounced in turn. A recipient whose RCPT TO said {@code NOTIFY=NEVER} (or a NOTIFY list without FAILURE) is
 * left out, and its ORCPT is reported as Original-Recipient.
 *
 * <p>James's DSNBounce is not used: in 3.8.1 it puts the whole error text into Status (which must be a bare code)
 * and sends from the postmaster instead of the null sender.
 *
 * <p>Match only senders who may be told (our authenticated users): any other sender address may be forged, and a
 * notification to it is backscatter. The failed mail ends here once reported; mail without a sender (itself a
 * notification) is left untouched for the next mailet, typically a ToRepository.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code reportingMta} (default: this machine's host name): the Reporting-MTA name.</li>
 *   <li>{@code subject} (default {@code Undelivered mail}): followed by the original subject.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <mailet match="SMTPAuthSuccessful" class="dev.mailfort.mailets.routing.ReportDeliveryFailure"/>
 * <mailet match="All" class="ToRepository">
 *     <repositoryPath>cassandra://var/mail/undeliverable/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class ReportDeliveryFailure extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReportDeliveryFailure.class);
    private static final String CRLF = "\r\n";

    private String reportingMta;
    private String subject;

    @Override
    public void init() {
        reportingMta = getInitParameter("reportingMta", "").strip();
        if (reportingMta.isEmpty()) {
            reportingMta = localHostName();
        }
        subject = getInitParameter("subject", "Undelivered mail").strip();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (!mail.hasSender()) {
            return;
        }
        List<MailAddress> reported = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            if (wantsFailureNotice(mail, recipient)) {
                reported.add(recipient);
            }
        }
        if (!reported.isEmpty()) {
            MailAddress sender = mail.getMaybeSender().get();
            // A null sender: the empty reverse-path of RFC 5321 section 4.5.5.
            getMailetContext().sendMail(null, List.of(sender), notification(mail, sender, reported));
            LOGGER.info("Delivery status notification to {} for mail {} ({} recipients)", sender.asString(), mail.getName(),
                reported.size());
        }
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Sends an RFC 3464 delivery status notification for a failed mail";
    }

    private static boolean wantsFailureNotice(Mail mail, MailAddress recipient) {
        return mail.dsnParameters()
            .map(parameters -> parameters.getRcptParameters().get(recipient))
            .flatMap(DsnParameters.RecipientDsnParameters::getNotifyParameter)
            .map(notify -> notify.contains(DsnParameters.Notify.FAILURE))
            .orElse(true);
    }

    private MimeMessage notification(Mail mail, MailAddress sender, List<MailAddress> recipients) throws MessagingException {
        DeliveryFailure failure = DeliveryFailure.of(
            AttributeUtils.getValueAndCastFromMail(mail, RouteByTransportMap.DELIVERY_ERROR, String.class)
                .or(() -> Optional.ofNullable(mail.getErrorMessage())));
        MimeMessage original = mail.getMessage();
        MimeMultipart report = new DeliveryReport();
        report.addBodyPart(explanation(recipients, failure));
        report.addBodyPart(deliveryStatus(mail, recipients, failure));
        report.addBodyPart(returnedMessage(mail, original));

        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(getMailetContext().getPostmaster().asString(), false));
        message.setRecipient(Message.RecipientType.TO, sender.toInternetAddress()
            .orElseThrow(() -> new MessagingException("Sender " + sender.asString() + " is not an Internet address")));
        String originalSubject = Optional.ofNullable(original.getSubject()).map(String::strip).orElse("");
        message.setSubject(originalSubject.isEmpty() ? subject : subject + ": " + originalSubject, "UTF-8");
        message.setSentDate(new Date());
        // RFC 3834: an automatic answer; vacation responders and the like must not reply to it.
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setContent(report);
        message.saveChanges();
        message.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + reportingMta + ">");
        return message;
    }

    private MimeBodyPart explanation(List<MailAddress> recipients, DeliveryFailure failure) throws MessagingException {
        StringBuilder text = new StringBuilder()
            .append("This is the mail system at ").append(reportingMta).append('.').append(CRLF).append(CRLF)
            .append("Your message could not be delivered to the following recipients. This is a permanent error.")
            .append(CRLF).append(CRLF);
        for (MailAddress recipient : recipients) {
            text.append("  <").append(recipient.asString()).append(">: ").append(failure.text()).append(CRLF);
        }
        text.append(CRLF).append("The technical report and your message follow.").append(CRLF);
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text.toString(), "UTF-8");
        return part;
    }

    private MimeBodyPart deliveryStatus(Mail mail, List<MailAddress> recipients, DeliveryFailure failure)
            throws MessagingException {
        StringBuilder fields = new StringBuilder().append("Reporting-MTA: dns; ").append(reportingMta).append(CRLF);
        mail.dsnParameters().flatMap(DsnParameters::getEnvIdParameter)
            .ifPresent(envId -> fields.append("Original-Envelope-Id: ").append(envId.asString()).append(CRLF));
        String lastAttempt = DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(Optional.ofNullable(mail.getLastUpdated()).orElse(new Date()).toInstant(),
                ZoneOffset.UTC));
        for (MailAddress recipient : recipients) {
            fields.append(CRLF);
            mail.dsnParameters()
                .map(parameters -> parameters.getRcptParameters().get(recipient))
                .flatMap(DsnParameters.RecipientDsnParameters::getOrcptParameter)
                .ifPresent(orcpt -> fields.append("Original-Recipient: rfc822; ").append(orcpt.asString()).append(CRLF));
            fields.append("Final-Recipient: rfc822; ").append(recipient.asString()).append(CRLF)
                .append("Action: failed").append(CRLF)
                .append("Status: ").append(failure.status()).append(CRLF);
            failure.smtpReply().ifPresent(reply -> fields.append("Diagnostic-Code: smtp; ").append(reply).append(CRLF));
            fields.append("Last-Attempt-Date: ").append(lastAttempt).append(CRLF);
        }
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "message/delivery-status");
        headers.setHeader("Content-Transfer-Encoding", "7bit");
        return new MimeBodyPart(headers, fields.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static MimeBodyPart returnedMessage(Mail mail, MimeMessage original) throws MessagingException {
        boolean headersOnly = mail.dsnParameters().flatMap(DsnParameters::getRetParameter)
            .map(DsnParameters.Ret.HDRS::equals).orElse(false);
        if (!headersOnly) {
            MimeBodyPart part = new MimeBodyPart();
            part.setContent(original, "message/rfc822");
            return part;
        }
        StringBuilder header = new StringBuilder();
        for (String line : Collections.list(original.getAllHeaderLines())) {
            header.append(line).append(CRLF);
        }
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/rfc822-headers");
        return new MimeBodyPart(headers, header.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** multipart/report with its report-type (RFC 6522), which MimeMultipart has no setter for. */
    private static final class DeliveryReport extends MimeMultipart {
        DeliveryReport() {
            super("report");
            contentType = contentType + "; report-type=delivery-status";
        }
    }
}
