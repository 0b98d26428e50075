/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import dev.mailfort.allowlist.AllowedSender;
import dev.mailfort.allowlist.SenderAllowList;

/**
 * "Allowed senders": the entries of the {@link SenderAllowList} (added by "Release and allow sender" on the
 * quarantine pages, or through WebAdmin), each with a Remove button.
 */
public final class AllowListPages implements ConsoleRoutes.Section {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC);

    private final SenderAllowList allowList;
    private final AuditLog audit;

    /**
     * @param allowList the list shared with the mail pipeline
     * @param audit     where removals are recorded
     */
    public AllowListPages(SenderAllowList allowList, AuditLog audit) {
        this.allowList = allowList;
        this.audit = audit;
    }

    @Override
    public void addTo(ConsoleRoutes routes) {
        routes.get("/allowlist", this::list)
            .post("/allowlist/remove", this::remove);
    }

    private void list(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (AllowedSender entry : allowList.list()) {
            rows.append("<tr class=\"allowed\">")
                .append(Page.td(entry.recipient()))
                .append(Page.td(entry.sender()))
                .append(Page.td(entry.addedBy()))
                .append(Page.td(DATE.format(entry.addedAt())))
                .append("<td class=\"actions\">")
                .append(Page.postForm("/allowlist/remove", session,
                    Map.of("recipient", entry.recipient(), "sender", entry.sender()), "Remove", "delete"))
                .append("</td></tr>");
        }
        String body = "<p>Mail from these senders, when its From address is authenticated (DMARC, or aligned SPF or"
            + " DKIM), is neither held nor filed as spam for the recipient. Virus and attachment checks still"
            + " apply.</p>"
            + Page.table(Page.th("Recipient", "Sender", "Added by", "Added", ""), rows.toString(),
                "No sender is allowed. Use \"Release and allow sender\" on a mail held as spam.");
        exchange.html(200, Page.of("Allowed senders", session, body));
    }

    private void remove(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        String recipient = exchange.form("recipient");
        String sender = exchange.form("sender");
        boolean removed = recipient != null && sender != null && allowList.remove(recipient, sender);
        audit.record(session.admin(), exchange.clientAddress(), "allowlist.remove", recipient + " " + sender,
            removed ? "ok" : "not-found");
        session.flash(removed ? sender + " is no longer allowed for " + recipient + "." : "There was no such entry.");
        exchange.redirect("/allowlist");
    }
}
