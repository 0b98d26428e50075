/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Marks mail that came from outside the organisation, so that mail clients and users' filters can show it: a header
 * field always, a subject prefix if configured. Any copy of the header field the sender wrote is replaced, so that
 * outsiders cannot pass as insiders by writing {@code X-Mailfort-External: no}.
 *
 * <p>Which mail is "from outside" is the matcher's question ({@code dev.mailfort.matchers.IsFromOutside}). Use it
 * only on mail for local recipients (the {@code local-delivery} processor): the subject of mail we relay onward is
 * covered by its sender's DKIM signature and must not change.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code headerName} (default {@code X-Mailfort-External}) and {@code headerValue} (default {@code yes}).</li>
 *   <li>{@code subjectPrefix} (default empty, off): e.g. {@code [EXTERNAL]}; not added twice.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.IsFromOutside" class="dev.mailfort.mailets.TagExternalSender">
 *     <subjectPrefix>[EXTERNAL]</subjectPrefix>
 * </mailet>
 * }</pre>
 */
public class TagExternalSender extends GenericMailet {
    static final String DEFAULT_HEADER = "X-Mailfort-External";

    private String headerName;
    private String headerValue;
    private String subjectPrefix;

    @Override
    public void init() throws MessagingException {
        headerName = HeaderNames.require("headerName", getInitParameter("headerName", DEFAULT_HEADER));
        headerValue = getInitParameter("headerValue", "yes").strip();
        subjectPrefix = getInitParameter("subjectPrefix", "").strip();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        message.setHeader(headerName, headerValue);
        SubjectPrefix.apply(message, subjectPrefix);
        message.saveChanges();
    }

    @Override
    public String getMailetInfo() {
        return "Marks mail from outside with a header field and, optionally, a subject prefix";
    }
}
