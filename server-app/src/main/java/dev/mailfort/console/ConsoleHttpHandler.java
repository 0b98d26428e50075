/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Every request to the console: the stylesheet and the login page are public; everything else needs a session, and
 * every POST the session's CSRF token (403 otherwise, before anything is read or changed).
 */
final class ConsoleHttpHandler implements HttpHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsoleHttpHandler.class);
    static final String STYLESHEET = "/static/console.css";

    private final ConsoleRoutes routes;
    private final SessionStore sessions;
    private final ConsoleLogin login;
    private final AuditLog audit;
    private final boolean secure;
    private final byte[] stylesheet;

    ConsoleHttpHandler(ConsoleRoutes routes, SessionStore sessions, ConsoleLogin login, AuditLog audit,
                       boolean secure) {
        this.routes = routes;
        this.sessions = sessions;
        this.login = login;
        this.audit = audit;
        this.secure = secure;
        this.stylesheet = readStylesheet();
    }

    @Override
    public void handle(HttpExchange httpExchange) throws IOException {
        ConsoleExchange exchange = new ConsoleExchange(httpExchange, secure);
        try {
            dispatch(exchange);
        } catch (Exception e) {
            LOGGER.warn("Console: {} {} failed", exchange.method(), exchange.path(), e);
            try {
                exchange.text(500, "The server could not complete this request; the server log says why.");
            } catch (IOException | RuntimeException alreadyAnswering) {
                httpExchange.close();
            }
        }
    }

    private void dispatch(ConsoleExchange exchange) throws Exception {
        String path = exchange.path();
        String method = exchange.method();
        if (STYLESHEET.equals(path) && isRead(method)) {
            exchange.send(200, "text/css; charset=utf-8", stylesheet);
            return;
        }
        if ("/login".equals(path)) {
            if ("POST".equals(method)) {
                logIn(exchange);
            } else {
                exchange.html(200, LoginPage.render(null));
            }
            return;
        }
        Optional<ConsoleSession> session = exchange.sessionCookie().flatMap(sessions::find);
        if (session.isEmpty()) {
            if (isRead(method)) {
                exchange.redirect("/login");
            } else {
                exchange.text(403, "Not logged in, or the session expired.");
            }
            return;
        }
        if ("POST".equals(method) && !CsrfCheck.accepts(session.get(), exchange.form(CsrfCheck.FIELD))) {
            audit.record(session.get().admin(), exchange.clientAddress(), "csrf", path, "refused");
            exchange.text(403, "This form is stale or was not sent from the console: reload the page and try again.");
            return;
        }
        if ("/logout".equals(path) && "POST".equals(method)) {
            sessions.invalidate(session.get().id());
            audit.record(session.get().admin(), exchange.clientAddress(), "logout", "-", "ok");
            exchange.clearSessionCookie();
            exchange.redirect("/login");
            return;
        }
        if ("/".equals(path) && isRead(method)) {
            exchange.redirect("/quarantine");
            return;
        }
        Optional<ConsoleRoutes.Action> action = routes.find(method, path);
        if (action.isPresent()) {
            action.get().handle(exchange, session.get());
        } else if (routes.knowsPath(path)) {
            exchange.text(405, "Method not allowed.");
        } else {
            exchange.html(404, Page.of("Not found", session.get(), "<p>No such page.</p>"));
        }
    }

    private void logIn(ConsoleExchange exchange) throws IOException {
        String username = exchange.form("username");
        ConsoleLogin.Outcome outcome = login.attempt(exchange.clientInetAddress(), username, exchange.form("password"));
        String tried = username == null || username.isBlank() ? ConsoleLogin.TOKEN_ADMIN : username.trim();
        if (outcome instanceof ConsoleLogin.LoggedIn loggedIn) {
            // A new id at each login: an id planted in the browser before the login is worth nothing after it.
            exchange.sessionCookie().ifPresent(sessions::invalidate);
            ConsoleSession session = sessions.create(loggedIn.admin());
            audit.record(loggedIn.admin(), exchange.clientAddress(), "login", "-", "ok");
            exchange.setSessionCookie(session.id());
            exchange.redirect("/quarantine");
        } else {
            audit.record(tried, exchange.clientAddress(), "login", "-", "failed");
            exchange.html(403, LoginPage.render(((ConsoleLogin.Refused) outcome).reason()));
        }
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    private static byte[] readStylesheet() {
        try (InputStream in = ConsoleHttpHandler.class.getResourceAsStream("console.css")) {
            if (in == null) {
                throw new IllegalStateException("console.css is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("console.css cannot be read", e);
        }
    }
}
