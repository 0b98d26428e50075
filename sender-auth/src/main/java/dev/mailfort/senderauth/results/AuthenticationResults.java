/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.mailfort.senderauth.dkim.DkimSignatureVerdict;
import dev.mailfort.senderauth.dmarc.DmarcVerdict;
import dev.mailfort.senderauth.spf.SpfVerdict;

/**
 * Builds the value of an RFC 8601 Authentication-Results header field with our authserv-id:
 * {@code mx.example.net; spf=pass smtp.mailfrom=a@example.com; dkim=pass header.d=example.com header.s=s1;
 * dmarc=pass header.from=example.com}. Not thread-safe; one builder per message.
 */
public final class AuthenticationResults {
    public static final String HEADER_NAME = "Authentication-Results";
    private static final Pattern ATEXT_ADDRESS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]+");

    private final String authservId;
    private final List<String> results = new ArrayList<>();

    private AuthenticationResults(String authservId) {
        this.authservId = authservId;
    }

    /** @param authservId our authserv-id, usually the host name of the receiving MTA */
    public static AuthenticationResults forAuthservId(String authservId) {
        Objects.requireNonNull(authservId, "authservId");
        if (!ATEXT_ADDRESS.matcher(authservId).matches() || authservId.contains("@")) {
            throw new IllegalArgumentException("not a usable authserv-id: " + authservId);
        }
        return new AuthenticationResults(authservId);
    }

    public AuthenticationResults spf(SpfVerdict verdict) {
        results.add("spf=" + verdict.result().keyword() + comment(verdict.reason()) + " "
            + verdict.scope().authResultsProperty() + "=" + value(verdict.identity()));
        return this;
    }

    /** One dkim= result per signature; {@code dkim=none} when there is none. */
    public AuthenticationResults dkim(List<DkimSignatureVerdict> verdicts) {
        if (verdicts.isEmpty()) {
            results.add("dkim=none");
            return this;
        }
        for (DkimSignatureVerdict verdict : verdicts) {
            StringBuilder result = new StringBuilder("dkim=").append(verdict.result().keyword())
                .append(comment(verdict.reason()));
            if (!verdict.domain().isEmpty()) {
                result.append(" header.d=").append(value(verdict.domain()));
            }
            if (!verdict.selector().isEmpty()) {
                result.append(" header.s=").append(value(verdict.selector()));
            }
            results.add(result.toString());
        }
        return this;
    }

    public AuthenticationResults dmarc(DmarcVerdict verdict) {
        String detail = verdict.reason();
        if (!verdict.policyDomain().isEmpty()) {
            detail = "p=" + verdict.requestedPolicy().keyword() + " dis=" + verdict.disposition().keyword()
                + "; " + detail;
        }
        StringBuilder result = new StringBuilder("dmarc=").append(verdict.result().keyword()).append(comment(detail));
        if (!verdict.headerFrom().isEmpty()) {
            result.append(" header.from=").append(value(verdict.headerFrom()));
        }
        results.add(result.toString());
        return this;
    }

    /** The field value on one line. */
    public String value() {
        return join("; ");
    }

    /** The field value folded before each result, for headers written as raw text. */
    public String foldedValue() {
        return join(";\r\n\t");
    }

    private String join(String separator) {
        if (results.isEmpty()) {
            return authservId + "; none";
        }
        return authservId + separator + String.join(separator, results);
    }

    /** A property value: as is when it is a dot-atom or an address of atext, else a quoted-string. */
    private static String value(String raw) {
        if (!raw.isEmpty() && ATEXT_ADDRESS.matcher(raw).matches()) {
            return raw;
        }
        return "\"" + clean(raw).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String comment(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String escaped = clean(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
        if (escaped.length() > 200) {
            escaped = escaped.substring(0, 200) + "...";
        }
        return " (" + escaped + ")";
    }

    /** No line breaks or other controls from DNS or message content may reach the header. */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString();
    }
}
