/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The synchronizer-token check of every change: a POST is accepted only when its form carries the token of the
 * session its cookie names. A page on another site can make the browser send the cookie (SameSite=Strict already
 * stops that in current browsers) but cannot read the token out of our pages.
 */
public final class CsrfCheck {
    public static final String FIELD = "csrf";

    private CsrfCheck() {
    }

    /**
     * @param session   the session the request's cookie names
     * @param submitted the {@value #FIELD} field of the form, {@code null} when absent
     * @return whether the request may change anything
     */
    public static boolean accepts(ConsoleSession session, String submitted) {
        if (session == null || submitted == null) {
            return false;
        }
        return constantTimeEquals(session.csrfToken(), submitted);
    }

    /** Compares secrets without returning early at the first difference (digests make the lengths equal too). */
    static boolean constantTimeEquals(String expected, String actual) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(actual.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
