/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

/**
 * Names of the mail attributes that record an rspamd verdict, shared by the mailet that sets them and the
 * matchers that read them. (Plain strings: this module does not depend on the mailet API.)
 */
public final class RspamdAttributes {
    /** String: {@code scanned}, {@code unavailable} or {@code too-large}, see {@link RspamdVerdict.Status}. */
    public static final String STATUS = "mailfort.rspamd.status";
    /** String: the action's wire name, e.g. {@code add header}; only when scanned. */
    public static final String ACTION = "mailfort.rspamd.action";
    /** Double: the score; only when scanned. */
    public static final String SCORE = "mailfort.rspamd.score";
    /** Double: the score at which rspamd rejects; only when scanned. */
    public static final String REQUIRED_SCORE = "mailfort.rspamd.required-score";
    /** Map of symbol name to its Double score; only when scanned. */
    public static final String SYMBOLS = "mailfort.rspamd.symbols";
    /** Integer: how many scans of this mail found rspamd unavailable; absent until the first such scan. */
    public static final String FAILED_ATTEMPTS = "mailfort.rspamd.failed-attempts";
    /**
     * Boolean, one-shot: the verdict was recorded by the SMTP server before it accepted the mail, so the spam-scan
     * mailet keeps that verdict instead of scanning again, and removes this mark (a requeued or released mail is
     * then scanned again).
     */
    public static final String SCANNED_IN_SESSION = "mailfort.rspamd.scanned-in-session";

    private RspamdAttributes() {
    }
}
