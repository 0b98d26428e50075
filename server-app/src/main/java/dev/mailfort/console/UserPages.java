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
import org.apache.james.user.api.UsersRepositoryException;

/** Mail accounts: list, create, reset a password, delete. Passwords are never logged nor shown back. */
public final class UserPages implements ConsoleRoutes.Section {
    static final int MIN_PASSWORD_LENGTH = 8;

    private final UsersRepository users;
    private final AuditLog audit;

    public UserPages(UsersRepository users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
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
        String name = exchange.form("username");
        String outcome;
        try {
            Username username = Username.of(ConsolePagesSupport.required(exchange, "username"));
            String password = checkedPassword(exchange.form("password"));
            users.addUser(username, password);
            session.flash("User " + username.asString() + " created.");
            outcome = "ok";
        } catch (IllegalArgumentException | UsersRepositoryException e) {
            session.flash("User not created: " + e.getMessage());
            outcome = "failed";
        }
        audit.record(session.admin(), exchange.clientAddress(), "user.create", name, outcome);
        exchange.redirect("/users");
    }

    private void resetPassword(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        String name = exchange.form("username");
        String outcome;
        try {
            Username username = Username.of(ConsolePagesSupport.required(exchange, "username"));
            String password = checkedPassword(exchange.form("password"));
            var user = users.getUserByName(username);
            if (user == null) {
                throw new IllegalArgumentException("no such user");
            }
            user.setPassword(password);
            users.updateUser(user);
            session.flash("Password of " + username.asString() + " changed.");
            outcome = "ok";
        } catch (IllegalArgumentException | UsersRepositoryException e) {
            session.flash("Password not changed: " + e.getMessage());
            outcome = "failed";
        }
        audit.record(session.admin(), exchange.clientAddress(), "user.password-reset", name, outcome);
        exchange.redirect("/users");
    }

    private void delete(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        String name = exchange.form("username");
        String outcome;
        try {
            Username username = Username.of(ConsolePagesSupport.required(exchange, "username"));
            users.removeUser(username);
            session.flash("User " + username.asString() + " deleted (the mailboxes are kept).");
            outcome = "ok";
        } catch (IllegalArgumentException | UsersRepositoryException e) {
            session.flash("User not deleted: " + e.getMessage());
            outcome = "failed";
        }
        audit.record(session.admin(), exchange.clientAddress(), "user.delete", name, outcome);
        exchange.redirect("/users");
    }

    private static String checkedPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }
}
