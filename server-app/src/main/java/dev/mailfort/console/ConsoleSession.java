/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.time.Instant;
import java.util.Optional;

/**
 * One logged-in admin: who, the synchronizer token every form of theirs carries, when they were last seen, and one
 * message to show on the next page (the outcome of the last action, since an action answers with a redirect).
 */
public final class ConsoleSession {
    private final String id;
    private final String admin;
    private final String csrfToken;
    private Instant lastSeen;
    private String flash;

    ConsoleSession(String id, String admin, String csrfToken, Instant lastSeen) {
        this.id = id;
        this.admin = admin;
        this.csrfToken = csrfToken;
        this.lastSeen = lastSeen;
    }

    public String id() {
        return id;
    }

    /** "token" for a login with the admin token, otherwise the admin's mail address. */
    public String admin() {
        return admin;
    }

    public String csrfToken() {
        return csrfToken;
    }

    synchronized Instant lastSeen() {
        return lastSeen;
    }

    synchronized void touch(Instant now) {
        lastSeen = now;
    }

    public synchronized void flash(String message) {
        flash = message;
    }

    /** The pending message, once. */
    public synchronized Optional<String> takeFlash() {
        Optional<String> message = Optional.ofNullable(flash);
        flash = null;
        return message;
    }
}
