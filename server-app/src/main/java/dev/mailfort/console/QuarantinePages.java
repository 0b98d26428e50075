/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.util.streams.Limit;
import org.apache.james.util.streams.Offset;

import dev.mailfort.allowlist.ReleaseAndAllowSender;
import dev.mailfort.webadmin.quarantine.HeaderField;
import dev.mailfort.webadmin.quarantine.QuarantineReason;
import dev.mailfort.webadmin.quarantine.QuarantineService;
import dev.mailfort.webadmin.quarantine.QuarantinedMail;
import dev.mailfort.webadmin.quarantine.QuarantinedMailView;
import dev.mailfort.webadmin.quarantine.ReleasedMail;

/**
 * The quarantine review: the held mails with why they were held, a safe preview (headers and extracted text, never
 * the mail's HTML), release and delete, through the same {@link QuarantineService} as WebAdmin's routes; and for
 * mail held as spam, release with its sender allowed ({@link ReleaseAndAllowSender}). That button is offered for the
 * spam quarantine only: the allow list never lets a virus or a blocked attachment through, so offering it there
 * would promise what it does not do.
 */
public final class QuarantinePages implements ConsoleRoutes.Section {
    static final int PAGE_SIZE = 200;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    private final QuarantineService quarantine;
    private final ReleaseAndAllowSender releaseAndAllow;
    private final AuditLog audit;

    /**
     * @param quarantine      the quarantine service shared with WebAdmin
     * @param releaseAndAllow release with the sender allowed, for spam
     * @param audit           where actions are recorded
     */
    public QuarantinePages(QuarantineService quarantine, ReleaseAndAllowSender releaseAndAllow, AuditLog audit) {
        this.quarantine = quarantine;
        this.releaseAndAllow = releaseAndAllow;
        this.audit = audit;
    }

    @Override
    public void addTo(ConsoleRoutes routes) {
        routes.get("/quarantine", this::list)
            .get("/quarantine/view", this::view)
            .post("/quarantine/release", this::release)
            .post("/quarantine/release-allow", this::releaseAndAllowSender)
            .post("/quarantine/delete", this::delete);
    }

    private void list(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        Optional<String> reasonFilter = exchange.query("reason");
        Optional<String> recipientFilter = exchange.query("recipient").map(String::trim);
        List<QuarantineReason> selected = reasonFilter.flatMap(name -> quarantine.reasons().find(name))
            .map(List::of).orElse(quarantine.reasons().all());
        StringBuilder body = new StringBuilder();
        body.append(filterForm(reasonFilter.orElse(""), recipientFilter.orElse("")));
        Optional<MailAddress> recipient;
        try {
            recipient = recipientFilter.map(ConsolePagesSupport::mailAddress);
        } catch (IllegalArgumentException e) {
            body.append("<p class=\"error\">").append(Html.text("Not a mail address: " + recipientFilter.get()))
                .append("</p>");
            exchange.html(400, Page.of("Quarantine", session, body.toString()));
            return;
        }
        List<QuarantinedMail> held = quarantine.list(selected, recipient, Offset.from(0), Limit.limit(PAGE_SIZE));
        StringBuilder rows = new StringBuilder();
        for (QuarantinedMail mail : held) {
            rows.append("<tr class=\"held\">")
                .append(Page.td(mail.reason()))
                .append(Page.td(mail.verdict().summary()))
                .append(Page.td(mail.sender()))
                .append(Page.td(String.join(", ", mail.recipients())))
                .append("<td><a href=\"/quarantine/view?reason=").append(Html.queryValue(mail.reason()))
                .append("&amp;key=").append(Html.queryValue(mail.key())).append("\">")
                .append(Html.text(mail.subject() == null ? "(no subject)" : mail.subject())).append("</a></td>")
                .append(Page.td(mail.date() == null ? "" : DATE.format(mail.date())))
                .append(Page.td(mail.size() == null ? "" : ConsolePagesSupport.size(mail.size())))
                .append("<td class=\"actions\">").append(actions(session, mail.reason(), mail.key()))
                .append("</td></tr>");
        }
        body.append(Page.table(Page.th("Reason", "Verdict", "Sender", "Recipients", "Subject", "Date", "Size", ""),
            rows.toString(), "No mail is held."));
        if (held.size() == PAGE_SIZE) {
            body.append("<p>Only the ").append(PAGE_SIZE).append(" newest are shown: filter to see others.</p>");
        }
        exchange.html(200, Page.of("Quarantine", session, body.toString()));
    }

    private String filterForm(String reason, String recipient) {
        StringBuilder form = new StringBuilder("<form method=\"get\" action=\"/quarantine\" class=\"filter\">")
            .append("<label>Reason <select name=\"reason\"><option value=\"\">all</option>");
        for (String name : quarantine.reasons().names()) {
            form.append("<option value=\"").append(Html.text(name)).append("\"")
                .append(name.equals(reason) ? " selected" : "").append(">").append(Html.text(name)).append("</option>");
        }
        return form.append("</select></label> <label>Recipient <input type=\"text\" name=\"recipient\" value=\"")
            .append(Html.text(recipient)).append("\"></label> <button type=\"submit\">Filter</button></form>")
            .toString();
    }

    private static String actions(ConsoleSession session, String reason, String key) {
        Map<String, String> fields = Map.of("reason", reason, "key", key);
        String allow = ReleaseAndAllowSender.SPAM_REASON.equals(reason)
            ? Page.postForm("/quarantine/release-allow", session, fields, "Release and allow sender", "release allow")
            : "";
        return Page.postForm("/quarantine/release", session, fields, "Release", "release")
            + allow
            + Page.postForm("/quarantine/delete", session, fields, "Delete", "delete");
    }

    private void view(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        Optional<QuarantineReason> reason = exchange.query("reason").flatMap(name -> quarantine.reasons().find(name));
        Optional<String> key = exchange.query("key");
        Optional<QuarantinedMailView> found = reason.isPresent() && key.isPresent()
            ? quarantine.view(reason.get(), new MailKey(key.get())) : Optional.empty();
        if (found.isEmpty()) {
            exchange.html(404, Page.of("Held mail", session,
                "<p class=\"error\">This mail is no longer in the quarantine.</p><p><a href=\"/quarantine\">Back</a></p>"));
            return;
        }
        QuarantinedMailView mail = found.get();
        StringBuilder body = new StringBuilder("<p><a href=\"/quarantine\">Back to the quarantine</a></p>")
            .append("<dl class=\"summary\">")
            .append(term("Reason", mail.reason()))
            .append(term("Verdict", mail.verdict().summary()))
            .append(term("Sender", mail.sender()))
            .append(term("Recipients", String.join(", ", mail.recipients())))
            .append(term("Subject", mail.subject()))
            .append(term("Date", mail.date() == null ? "" : DATE.format(mail.date())))
            .append(term("Size", mail.size() == null ? "" : ConsolePagesSupport.size(mail.size())))
            .append(term("Released into", mail.releaseProcessor()))
            .append(allowableSenderTerm(reason.get(), mail))
            .append("</dl><div class=\"actions\">")
            .append(actions(session, mail.reason(), mail.key()))
            .append("</div><h2>Headers</h2>");
        if (mail.headersProblem() != null) {
            body.append("<p class=\"error\">").append(Html.text(mail.headersProblem())).append("</p>");
        }
        StringBuilder headers = new StringBuilder();
        for (HeaderField header : mail.headers()) {
            headers.append("<tr><th>").append(Html.text(header.name())).append("</th>")
                .append(Page.td(header.value())).append("</tr>");
        }
        body.append("<table class=\"headers\"><tbody>").append(headers).append("</tbody></table>")
            .append("<h2>Text</h2>");
        if (mail.textPreview().problem() != null) {
            body.append("<p class=\"error\">").append(Html.text(mail.textPreview().problem())).append("</p>");
        }
        body.append("<pre class=\"preview\">").append(Html.text(mail.textPreview().text() == null
            ? "(no text part)" : mail.textPreview().text())).append("</pre>");
        if (mail.textPreview().truncated()) {
            body.append("<p>The text is cut short.</p>");
        }
        exchange.html(200, Page.of("Held mail", session, body.toString()));
    }

    // Says beforehand what the button would allow, or why it would refuse: a forged From can never be allowed.
    private String allowableSenderTerm(QuarantineReason reason, QuarantinedMailView mail) throws Exception {
        if (!ReleaseAndAllowSender.SPAM_REASON.equals(reason.name())) {
            return "";
        }
        return term("Authenticated sender", releaseAndAllow.allowableSender(reason, new MailKey(mail.key()))
            .orElse("none (no DMARC, or aligned SPF or DKIM, pass): the sender cannot be allowed"));
    }

    private static String term(String name, String value) {
        return "<dt>" + Html.text(name) + "</dt><dd>" + Html.text(value) + "</dd>";
    }

    private void release(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        Optional<QuarantineReason> reason = reason(exchange);
        String key = exchange.form("key");
        Optional<ReleasedMail> released = reason.isPresent() && key != null
            ? quarantine.release(reason.get(), new MailKey(key)) : Optional.empty();
        String object = exchange.form("reason") + "/" + key;
        audit.record(session.admin(), exchange.clientAddress(), "quarantine.release", object,
            released.isPresent() ? "ok" : "not-found");
        session.flash(released.map(mail -> "Released to " + String.join(", ", mail.recipients()) + ".")
            .orElse("That mail is no longer in the quarantine."));
        exchange.redirect("/quarantine");
    }

    private void releaseAndAllowSender(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        Optional<QuarantineReason> reason = reason(exchange);
        String key = exchange.form("key");
        String object = exchange.form("reason") + "/" + key;
        if (reason.isEmpty() || key == null) {
            audit.record(session.admin(), exchange.clientAddress(), "quarantine.release-allow", object, "not-found");
            session.flash("That mail is no longer in the quarantine.");
            exchange.redirect("/quarantine");
            return;
        }
        ReleaseAndAllowSender.Outcome outcome = releaseAndAllow.releaseAndAllow(reason.get(), new MailKey(key),
            session.admin());
        switch (outcome.status()) {
            case RELEASED -> {
                List<String> recipients = outcome.released().orElseThrow().recipients();
                audit.record(session.admin(), exchange.clientAddress(), "quarantine.release-allow",
                    object + " sender=" + outcome.sender(), "ok");
                session.flash("Released to " + String.join(", ", recipients) + "; " + outcome.sender()
                    + " is allowed for them from now on.");
            }
            case SENDER_NOT_AUTHENTICATED -> {
                audit.record(session.admin(), exchange.clientAddress(), "quarantine.release-allow", object, "refused");
                session.flash("Not released: the sender of this mail is not authenticated (no DMARC, or aligned SPF or"
                    + " DKIM, pass), so allowing it would never apply. Use Release instead.");
            }
            case NOT_SPAM -> {
                audit.record(session.admin(), exchange.clientAddress(), "quarantine.release-allow", object, "refused");
                session.flash("Only mail held as spam can be released with its sender allowed.");
            }
            default -> {
                audit.record(session.admin(), exchange.clientAddress(), "quarantine.release-allow", object,
                    "not-found");
                session.flash("That mail is no longer in the quarantine.");
            }
        }
        exchange.redirect("/quarantine");
    }

    private void delete(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        Optional<QuarantineReason> reason = reason(exchange);
        String key = exchange.form("key");
        boolean deleted = reason.isPresent() && key != null && quarantine.delete(reason.get(), new MailKey(key));
        audit.record(session.admin(), exchange.clientAddress(), "quarantine.delete",
            exchange.form("reason") + "/" + key, deleted ? "ok" : "not-found");
        session.flash(deleted ? "Deleted." : "That mail is no longer in the quarantine.");
        exchange.redirect("/quarantine");
    }

    private Optional<QuarantineReason> reason(ConsoleExchange exchange) throws java.io.IOException {
        return Optional.ofNullable(exchange.form("reason")).flatMap(name -> quarantine.reasons().find(name));
    }
}
