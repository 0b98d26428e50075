/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.util.Map;
import java.util.TreeMap;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;

/**
 * Aliases and forwards of James's recipient rewrite table: an alias delivers mail for another address into an
 * account; a forward sends an account's mail on to another address. Other mapping types are listed, not edited here.
 */
public final class AliasPages implements ConsoleRoutes.Section {
    private final RecipientRewriteTable table;
    private final AdminChange changes;

    public AliasPages(RecipientRewriteTable table, AuditLog audit) {
        this.table = table;
        this.changes = new AdminChange(audit);
    }

    @Override
    public void addTo(ConsoleRoutes routes) {
        routes.get("/aliases", this::list)
            .post("/aliases/add", this::add)
            .post("/aliases/remove", this::remove);
    }

    private void list(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        StringBuilder rows = new StringBuilder();
        Map<String, Mappings> sorted = new TreeMap<>();
        table.getAllMappings().forEach((source, mappings) -> sorted.put(source.asString(), mappings));
        sorted.forEach((source, mappings) -> mappings.asStream().forEach(mapping -> {
            rows.append("<tr>").append(Page.td(source)).append(Page.td(mapping.getType().name()))
                .append(Page.td(mapping.getMappingValue())).append("<td class=\"actions\">");
            if (mapping.getType() == Mapping.Type.Alias || mapping.getType() == Mapping.Type.Forward) {
                rows.append(Page.postForm("/aliases/remove", session, Map.of("source", source,
                    "type", mapping.getType().name(), "target", mapping.getMappingValue()), "Remove", "delete"));
            }
            rows.append("</td></tr>");
        }));
        String body = "<form method=\"post\" action=\"/aliases/add\" class=\"create\">" + Page.csrfField(session)
            + "<label>Type <select name=\"type\"><option value=\"Alias\">alias (source delivered to the account)</option>"
            + "<option value=\"Forward\">forward (the account's mail sent on to the target)</option></select></label> "
            + "<label>Source <input type=\"email\" name=\"source\" required></label> "
            + "<label>Target <input type=\"email\" name=\"target\" required></label> "
            + "<button type=\"submit\">Add</button></form>"
            + Page.table(Page.th("Source", "Type", "Target", ""), rows.toString(), "No alias or forward yet.");
        exchange.html(200, Page.of("Aliases and forwards", session, body));
    }

    private void add(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        String type = exchange.form("type");
        changes.perform(exchange, session, "alias.add", type + " " + typedMapping(exchange), "Not added", "/aliases",
            () -> {
                MailAddress source = ConsolePagesSupport.mailAddress(ConsolePagesSupport.required(exchange, "source"));
                MailAddress target = ConsolePagesSupport.mailAddress(ConsolePagesSupport.required(exchange, "target"));
                MappingSource from = MappingSource.fromUser(Username.fromMailAddress(source));
                if ("Alias".equals(type)) {
                    table.addAliasMapping(from, target.asString());
                } else if ("Forward".equals(type)) {
                    table.addForwardMapping(from, target.asString());
                } else {
                    throw new IllegalArgumentException("unknown type");
                }
                return type + " " + source.asString() + " -> " + target.asString() + " added.";
            });
    }

    private void remove(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        String object = exchange.form("type") + " " + typedMapping(exchange);
        changes.perform(exchange, session, "alias.remove", object, "Not removed", "/aliases", () -> {
            Mapping.Type mappingType = Mapping.Type.valueOf(ConsolePagesSupport.required(exchange, "type"));
            if (mappingType != Mapping.Type.Alias && mappingType != Mapping.Type.Forward) {
                throw new IllegalArgumentException("only aliases and forwards are removed here");
            }
            table.removeMapping(MappingSource.parse(ConsolePagesSupport.required(exchange, "source")),
                Mapping.of(mappingType, ConsolePagesSupport.required(exchange, "target")));
            return object + " removed.";
        });
    }

    private static String typedMapping(ConsoleExchange exchange) throws java.io.IOException {
        return exchange.form("source") + " -> " + exchange.form("target");
    }
}
