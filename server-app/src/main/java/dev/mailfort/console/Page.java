/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.util.Map;

/**
 * The frame around every console page and the pieces all pages share. Arguments named {@code html} are markup the
 * caller built (with {@link Html#text} around every piece of data); every other string is escaped here.
 */
public final class Page {
    private static final String[][] SECTIONS = {
        {"/quarantine", "Quarantine"}, {"/allowlist", "Allowed senders"}, {"/users", "Users"}, {"/domains", "Domains"},
        {"/aliases", "Aliases"}, {"/queues", "Mail queues"}, {"/health", "Health"}};

    private Page() {
    }

    /**
     * @param title   the page title (escaped)
     * @param session the logged-in admin's session, {@code null} on the login page
     * @param html    the page body
     */
    public static String of(String title, ConsoleSession session, String html) {
        StringBuilder page = new StringBuilder(4096 + html.length());
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .append("<title>").append(Html.text(title)).append(" - Mailfort console</title>")
            .append("<link rel=\"stylesheet\" href=\"/static/console.css\"></head><body>")
            .append("<header><span class=\"brand\">Mailfort console</span>");
        if (session != null) {
            page.append("<nav>");
            for (String[] section : SECTIONS) {
                page.append("<a href=\"").append(section[0]).append("\">").append(section[1]).append("</a>");
            }
            page.append("</nav><span class=\"who\">").append(Html.text(session.admin())).append("</span>")
                .append(postForm("/logout", session, Map.of(), "Log out", "link"));
        }
        page.append("</header><main><h1>").append(Html.text(title)).append("</h1>");
        if (session != null) {
            session.takeFlash().ifPresent(message ->
                page.append("<p class=\"flash\" role=\"status\">").append(Html.text(message)).append("</p>"));
        }
        page.append(html).append("</main></body></html>\n");
        return page.toString();
    }

    /**
     * A one-button form that POSTs the given fields and the session's CSRF token.
     *
     * @param action the console path to POST to
     * @param fields hidden fields (names and values escaped)
     * @param label  the button's text
     * @param style  a CSS class of the button
     */
    public static String postForm(String action, ConsoleSession session, Map<String, String> fields, String label,
                                  String style) {
        StringBuilder form = new StringBuilder("<form method=\"post\" class=\"inline\" action=\"")
            .append(Html.text(action)).append("\">").append(csrfField(session));
        fields.forEach((name, value) -> form.append(hidden(name, value)));
        return form.append("<button type=\"submit\" class=\"").append(Html.text(style)).append("\">")
            .append(Html.text(label)).append("</button></form>").toString();
    }

    public static String csrfField(ConsoleSession session) {
        return hidden(CsrfCheck.FIELD, session.csrfToken());
    }

    public static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + Html.text(name) + "\" value=\"" + Html.text(value) + "\">";
    }

    public static String table(String headerHtml, String rowsHtml, String emptyText) {
        if (rowsHtml.isEmpty()) {
            return "<p class=\"empty\">" + Html.text(emptyText) + "</p>";
        }
        return "<table><thead><tr>" + headerHtml + "</tr></thead><tbody>" + rowsHtml + "</tbody></table>";
    }

    public static String th(String... names) {
        StringBuilder cells = new StringBuilder();
        for (String name : names) {
            cells.append("<th>").append(Html.text(name)).append("</th>");
        }
        return cells.toString();
    }

    public static String td(Object value) {
        return "<td>" + Html.text(value) + "</td>";
    }
}
