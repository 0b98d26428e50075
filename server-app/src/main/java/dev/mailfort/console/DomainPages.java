/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.util.Map;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;

/** The domains the server receives mail for: list, add, remove. */
public final class DomainPages implements ConsoleRoutes.Section {
    private final DomainList domains;
    private final AdminChange changes;

    public DomainPages(DomainList domains, AuditLog audit) {
        this.domains = domains;
        this.changes = new AdminChange(audit);
    }

    @Override
    public void addTo(ConsoleRoutes routes) {
        routes.get("/domains", this::list)
            .post("/domains/add", this::add)
            .post("/domains/remove", this::remove);
    }

    private void list(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (Domain domain : domains.getDomains()) {
            rows.append("<tr>").append(Page.td(domain.asString())).append("<td class=\"actions\">")
                .append(Page.postForm("/domains/remove", session, Map.of("domain", domain.asString()), "Remove", "delete"))
                .append("</td></tr>");
        }
        String body = "<form method=\"post\" action=\"/domains/add\" class=\"create\">" + Page.csrfField(session)
            + "<label>Domain <input type=\"text\" name=\"domain\" required></label> "
            + "<button type=\"submit\">Add domain</button></form>"
            + Page.table(Page.th("Domain", ""), rows.toString(), "No domain yet.");
        exchange.html(200, Page.of("Domains", session, body));
    }

    private void add(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        change(exchange, session, "domain.add", domain -> domains.addDomain(domain), "added");
    }

    private void remove(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        change(exchange, session, "domain.remove", domain -> domains.removeDomain(domain), "removed");
    }

    @FunctionalInterface
    private interface DomainChange {
        void apply(Domain domain) throws DomainListException;
    }

    private void change(ConsoleExchange exchange, ConsoleSession session, String action, DomainChange change,
                        String done) throws Exception {
        changes.perform(exchange, session, action, exchange.form("domain"), "Domain not " + done, "/domains", () -> {
            Domain domain = Domain.of(ConsolePagesSupport.required(exchange, "domain"));
            change.apply(domain);
            return "Domain " + domain.asString() + " " + done + ".";
        });
    }
}
