/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a delivery failed, as RemoteDelivery (or RouteByTransportMap for a rejected destination) wrote it in the
 * {@code delivery-error} attribute, turned into the two DSN fields RFC 3464 keeps apart: {@code Status} (only an
 * RFC 3463 code such as {@code 5.1.1}) and {@code Diagnostic-Code} (the remote server's own reply, for people).
 */
record DeliveryFailure(String status, Optional<String> smtpReply, String text) {
    private static final Pattern SMTP_REPLY = Pattern.compile("^([245])\\d{2}(?:[ -]|$)(?:([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$))?");
    private static final Pattern ENHANCED_CODE = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    // Undefined permanent failure (RFC 3463 X.0.0): what we know when nobody gave a reason.
    private static final String UNKNOWN_PERMANENT = "5.0.0";

    static DeliveryFailure of(Optional<String> deliveryError) {
        String text = deliveryError.map(DeliveryFailure::oneLine).filter(error -> !error.isEmpty())
            .orElse("Delivery failed permanently");
        Matcher reply = SMTP_REPLY.matcher(text);
        if (reply.find()) {
            String status = reply.group(2) != null ? reply.group(2) : reply.group(1) + ".0.0";
            return new DeliveryFailure(status, Optional.of(text), text);
        }
        // Not an SMTP reply (a connection that kept failing, a DNS answer...); JavaMail sometimes wraps the reply.
        Matcher enhanced = ENHANCED_CODE.matcher(text);
        return new DeliveryFailure(enhanced.find() ? enhanced.group(1) : UNKNOWN_PERMANENT, Optional.empty(), text);
    }

    /** Header fields are single lines: folded or multi-line replies are joined, control characters dropped. */
    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "").strip();
    }
}
