/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One change an admin submitted with a console form, done the same way on every page: its outcome is shown once on
 * the next page, it goes to the audit log whether it worked or not, and the browser is sent back to a page with a
 * GET (post/redirect/get), so that reloading that page never submits the change twice.
 */
final class AdminChange {
    private static final Logger LOGGER = LoggerFactory.getLogger(AdminChange.class);

    /** The change itself, returning the message shown when it worked. */
    @FunctionalInterface
    interface Body {
        /** @throws IllegalArgumentException when the form's input is not acceptable (the message says why) */
        String apply() throws Exception;
    }

    private final AuditLog audit;

    AdminChange(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param action    the audit log's name for it ({@code user.create}...)
     * @param object    what it acts on, as the admin typed it (audited even when it is not valid)
     * @param failure   the start of the message shown when it fails ({@code User not created})
     * @param returnTo  the page the browser goes back to
     */
    void perform(ConsoleExchange exchange, ConsoleSession session, String action, String object, String failure,
                 String returnTo, Body body) throws IOException {
        String outcome;
        try {
            session.flash(body.apply());
            outcome = "ok";
        } catch (IllegalArgumentException e) {
            session.flash(failure + ": " + e.getMessage());
            outcome = "failed";
        } catch (Exception e) {
            // James's repositories refuse (existing user, unknown domain, mapping loop) with checked exceptions whose
            // message is fit for the admin; anything else is worth a stack trace in the log.
            if (e instanceof RuntimeException) {
                LOGGER.warn("Console change {} on {} failed", action, AuditLog.oneLine(object), e);
            }
            session.flash(failure + ": " + e.getMessage());
            outcome = "failed";
        }
        audit.record(session.admin(), exchange.clientAddress(), action, object, outcome);
        exchange.redirect(returnTo);
    }
}
