/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import java.util.stream.Collectors;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import dev.mailfort.senderauth.SenderAuthAttributes;
import dev.mailfort.senderauth.SenderAuthReport;
import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;

/** Records the verdicts of a message as the mail attributes named in {@link SenderAuthAttributes}. */
final class SenderAuthMailAttributes {

    private SenderAuthMailAttributes() {
    }

    /** @param quarantine whether the pipeline is to deliver the message to the Junk folder */
    static void record(Mail mail, SenderAuthReport report, boolean quarantine) {
        set(mail, SenderAuthAttributes.DMARC_RESULT, report.dmarc().result().keyword());
        set(mail, SenderAuthAttributes.DMARC_DISPOSITION, quarantine ? "quarantine" : "none");
        set(mail, SenderAuthAttributes.DMARC_POLICY, report.dmarc().requestedPolicy().keyword());
        set(mail, SenderAuthAttributes.HEADER_FROM_DOMAIN, report.headerFrom().domain());
        set(mail, SenderAuthAttributes.SPF_RESULT, report.spfMailFrom().result().keyword());
        set(mail, SenderAuthAttributes.SPF_HELO_RESULT, report.spfHelo().result().keyword());
        set(mail, SenderAuthAttributes.DKIM_RESULT, dkimSummary(report));
        set(mail, SenderAuthAttributes.DKIM_PASSING_DOMAINS, report.dkim().stream()
            .filter(DkimSignatureVerdict::passed)
            .map(DkimSignatureVerdict::domain)
            .distinct()
            .collect(Collectors.joining(",")));
    }

    private static String dkimSummary(SenderAuthReport report) {
        if (report.dkim().isEmpty()) {
            return "none";
        }
        return report.dkim().stream().anyMatch(DkimSignatureVerdict::passed)
            ? "pass"
            : report.dkim().get(0).result().keyword();
    }

    private static void set(Mail mail, String name, String value) {
        mail.setAttribute(new Attribute(AttributeName.of(name), AttributeValue.of(value)));
    }
}
