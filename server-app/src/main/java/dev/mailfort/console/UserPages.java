/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;

/** Mail accounts: list, create, reset a password, delete. Passwords are never logged nor shown back. */
public final class UserPages implements ConsoleRoutes.Section {
    static final int MIN_PASSWORD_LENGTH = 8;

    private final UsersRepository users;
    private final AdminChange changes;

    public UserPages(UsersRepository users, AuditLog audit) {
        this.users = users;
        this.changes = new AdminChange(audit);
    }

    @Override
    public void addTo(ConsoleRoutes routes) {
        routes.get("/users", this::list)
            .post("/users/create", this::create)
            .post("/users/password", this::resetPassword)
            .post("/users/delete", this::delete);
    }

    private void list(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        List<String> names = new ArrayList<>();
        Iterator<Username> all = users.list();
        all.forEachRemaining(name -> names.add(name.asString()));
        names.sort(String::compareTo);
        StringBuilder rows = new StringBuilder();
        for (String name : names) {
            rows.append("<tr>").append(Page.td(name)).append("<td class=\"actions\">")
                .append("<form method=\"post\" class=\"inline\" action=\"/users/password\">")
                .append(Page.csrfField(session)).append(Page.hidden("username", name))
                .append("<input type=\"password\" name=\"password\" autocomplete=\"new-password\" ")
                .append("placeholder=\"new password\" aria-label=\"New password for ").append(Html.text(name))
                .append("\"><button type=\"submit\">Reset password</button></form>")
                .append(Page.postForm("/users/delete", session, Map.of("username", name), "Delete", "delete"))
                .append("</td></tr>");
        }
        String body = "<form method=\"post\" action=\"/users/create\" class=\"create\">" + Page.csrfField(session)
            + "<label>Address <input type=\"email\" name=\"username\" required></label> "
            + "<label>Password <input type=\"password\" name=\"password\" autocomplete=\"new-password\" required></label> "
            + "<button type=\"submit\" id=\"create-user\">Create user</button></form>"
            + Page.table(Page.th("User", ""), rows.toString(), "No user yet.");
        exchange.html(200, Page.of("Users", session, body));
    }

    private void create(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        changes.perform(exchange, session, "user.create", exchange.form("username"), "User not created", "/users",
            () -> {
                Username username = Username.of(ConsolePagesSupport.required(exchange, "username"));
                users.addUser(username, checkedPassword(exchange.form("password")));
                return "User " + username.asString() + " created.";
            });
    }

    private void resetPassword(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        changes.perform(exchange, session, "user.password-reset", exchange.form("username"), "Password not changed",
            "/users", () -> {
                Username username = Username.of(ConsolePagesSupport.required(exchange, "username"));
                String password = checkedPassword(exchange.form("password"));
                var user = users.getUserByName(username);
                if (user == null) {
                    throw new IllegalArgumentException("no such user");
                }
                user.setPassword(password);
                users.updateUser(user);
                return "Password of " + username.asString() + " changed.";
            });
    }

    private void delete(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        changes.perform(exchange, session, "user.delete", exchange.form("username"), "User not deleted", "/users",
            () -> {
                Username username = Username.of(ConsolePagesSupport.required(exchange, "username"));
                users.removeUser(username);
                return "User " + username.asString() + " deleted (the mailboxes are kept).";
            });
    }

    private static String checkedPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }
}
