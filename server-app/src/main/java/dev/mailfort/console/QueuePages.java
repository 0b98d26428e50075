/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.inject.Provider;

import org.apache.james.core.MailAddress;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.mailet.Mail;

/** The mail queues: their sizes, the first mails of one, and "flush" (delayed mails are due now). */
public final class QueuePages implements ConsoleRoutes.Section {
    static final int BROWSE_LIMIT = 100;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    private final Provider<? extends MailQueueFactory<? extends ManageableMailQueue>> queues;
    private final AuditLog audit;

    public QueuePages(Provider<? extends MailQueueFactory<? extends ManageableMailQueue>> queues, AuditLog audit) {
        this.queues = queues;
        this.audit = audit;
    }

    @Override
    public void addTo(ConsoleRoutes routes) {
        routes.get("/queues", this::list)
            .get("/queues/browse", this::browse)
            .post("/queues/flush", this::flush);
    }

    private void list(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (String name : new TreeSet<>(queues.get().listCreatedMailQueues().stream()
                .map(MailQueueName::asString).collect(Collectors.toList()))) {
            Optional<? extends ManageableMailQueue> queue = queues.get().getQueue(MailQueueName.of(name));
            if (queue.isEmpty()) {
                continue;
            }
            rows.append("<tr>").append("<td><a href=\"/queues/browse?name=").append(Html.queryValue(name))
                .append("\">").append(Html.text(name)).append("</a></td>")
                .append(Page.td(queue.get().getSize())).append("<td class=\"actions\">")
                .append(Page.postForm("/queues/flush", session, Map.of("name", name), "Flush delayed mail", "release"))
                .append("</td></tr>");
        }
        exchange.html(200, Page.of("Mail queues", session,
            Page.table(Page.th("Queue", "Mails", ""), rows.toString(), "No queue yet.")));
    }

    private void browse(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        Optional<String> name = exchange.query("name");
        Optional<? extends ManageableMailQueue> queue = name.flatMap(found -> queues.get().getQueue(MailQueueName.of(found)));
        if (queue.isEmpty()) {
            exchange.html(404, Page.of("Mail queue", session, "<p class=\"error\">No such queue.</p>"));
            return;
        }
        StringBuilder rows = new StringBuilder();
        ManageableMailQueue.MailQueueIterator items = queue.get().browse();
        try {
            for (int i = 0; i < BROWSE_LIMIT && items.hasNext(); i++) {
                ManageableMailQueue.MailQueueItemView item = items.next();
                Mail mail = item.getMail();
                rows.append("<tr>").append(Page.td(mail.getName()))
                    .append(Page.td(mail.getMaybeSender().asString("<>")))
                    .append(Page.td(mail.getRecipients().stream().map(MailAddress::asString)
                        .collect(Collectors.joining(", "))))
                    .append(Page.td(item.getNextDelivery().map(DATE::format).orElse("now")))
                    .append(Page.td(mail.getErrorMessage())).append("</tr>");
            }
        } finally {
            items.close();
        }
        exchange.html(200, Page.of("Mail queue " + name.get(), session,
            "<p><a href=\"/queues\">Back to the queues</a> (the first " + BROWSE_LIMIT + " mails are shown)</p>"
                + Page.table(Page.th("Mail", "Sender", "Recipients", "Next attempt", "Last error"), rows.toString(),
                "The queue is empty.")));
    }

    private void flush(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        String name = exchange.form("name");
        Optional<? extends ManageableMailQueue> queue = Optional.ofNullable(name).filter(found -> !found.isBlank())
            .flatMap(found -> queues.get().getQueue(MailQueueName.of(found)));
        if (queue.isEmpty()) {
            session.flash("No such queue.");
            audit.record(session.admin(), exchange.clientAddress(), "queue.flush", name, "not-found");
        } else {
            long flushed = queue.get().flush();
            session.flash("Queue " + name + ": " + flushed + " delayed mail(s) are due now.");
            audit.record(session.admin(), exchange.clientAddress(), "queue.flush", name, "ok");
        }
        exchange.redirect("/queues");
    }
}
