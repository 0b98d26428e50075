/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

/** The login form: an admin account and its mail password, or the admin token with the user name left empty. */
final class LoginPage {
    private LoginPage() {
    }

    /** @param error why the last attempt was refused, {@code null} for none */
    static String render(String error) {
        StringBuilder body = new StringBuilder();
        if (error != null) {
            body.append("<p class=\"error\" role=\"alert\">").append(Html.text(error)).append("</p>");
        }
        body.append("<form method=\"post\" action=\"/login\" class=\"login\">")
            .append("<label>Admin account <input type=\"text\" name=\"username\" id=\"username\" ")
            .append("autocomplete=\"username\" placeholder=\"empty to use the admin token\"></label>")
            .append("<label>Password or token <input type=\"password\" name=\"password\" id=\"password\" ")
            .append("autocomplete=\"current-password\" required></label>")
            .append("<button type=\"submit\" id=\"login\">Log in</button></form>")
            .append("<p class=\"hint\">The admin token is in the file named in the server log at start ")
            .append("(var/console/admin-token by default).</p>");
        return Page.of("Log in", null, body.toString());
    }
}
