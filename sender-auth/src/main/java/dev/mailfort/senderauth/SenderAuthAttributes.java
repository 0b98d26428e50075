/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth;

/**
 * Names of the mail attributes that record the sender-authentication verdicts of an inbound message, shared by the
 * SMTP hook that sets them and the matchers that read them. Every value is a String in lower case, so that the
 * attributes survive the mail queue and read the same as in Authentication-Results. (Plain strings: this module
 * does not depend on the mailet API.)
 */
public final class SenderAuthAttributes {
    /** DMARC result: {@code pass}, {@code fail}, {@code none}, {@code temperror} or {@code permerror}. */
    public static final String DMARC_RESULT = "mailfort.dmarc.result";
    /**
     * What the server decided to do with the message for DMARC: {@code none} (deliver normally) or
     * {@code quarantine} (deliver to the Junk folder). A rejected message is never queued, so {@code reject} is
     * never seen after the SMTP dialogue. It can differ from the domain's policy: the hook's configuration can
     * soften a policy, and pct= can leave a message out.
     */
    public static final String DMARC_DISPOSITION = "mailfort.dmarc.disposition";
    /** The policy the From domain published and that applied to it (p= or sp=): none, quarantine, reject. */
    public static final String DMARC_POLICY = "mailfort.dmarc.policy";
    /** The domain of the header From, empty when the header From was unusable. */
    public static final String HEADER_FROM_DOMAIN = "mailfort.dmarc.header-from";
    /** SPF result for the MAIL FROM identity (RFC 7208 keywords: pass, fail, softfail, neutral, none, ...). */
    public static final String SPF_RESULT = "mailfort.spf.result";
    /** SPF result for the HELO identity. */
    public static final String SPF_HELO_RESULT = "mailfort.spf.helo-result";
    /** DKIM: {@code pass} if any signature verified, else the result of the first signature, {@code none} unsigned. */
    public static final String DKIM_RESULT = "mailfort.dkim.result";
    /** The d= domains of the DKIM signatures that verified, comma-separated, empty when none did. */
    public static final String DKIM_PASSING_DOMAINS = "mailfort.dkim.passing-domains";

    private SenderAuthAttributes() {
    }
}
