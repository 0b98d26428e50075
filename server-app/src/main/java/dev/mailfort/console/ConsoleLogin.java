/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.protocols.abuse.AuthFailureTracker;

/**
 * Who may log in to the console: anyone holding the admin token (user name left empty), and the mail accounts listed
 * in {@code admins=} with their mail password. Failed attempts count in the same per-address limits as SMTP, IMAP
 * and POP3 logins, so the console is no faster a way to guess passwords.
 */
public final class ConsoleLogin {
    public static final String TOKEN_ADMIN = "token";
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsoleLogin.class);

    private final String token;
    private final Set<String> admins;
    private final UsersRepository users;
    private final AuthFailureTracker failures;

    /**
     * @param token    the admin token
     * @param admins   the mail accounts (lower case) allowed in
     * @param users    James's accounts, which check the passwords
     * @param failures the server's failed-login limits
     */
    public ConsoleLogin(String token, Set<String> admins, UsersRepository users, AuthFailureTracker failures) {
        this.token = token;
        this.admins = Set.copyOf(admins);
        this.users = users;
        this.failures = failures;
    }

    public sealed interface Outcome {
    }

    public record LoggedIn(String admin) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    /**
     * @param client   the client's address
     * @param username the name typed, empty for a login with the token
     * @param secret   the token or the password
     */
    public Outcome attempt(InetAddress client, String username, String secret) {
        Optional<Duration> blocked = failures.blockedFor(client);
        if (blocked.isPresent()) {
            return new Refused("Too many failed logins from your address: try again later.");
        }
        String name = username == null ? "" : username.trim();
        if (secret != null && !secret.isEmpty() && checks(name, secret)) {
            return new LoggedIn(name.isEmpty() ? TOKEN_ADMIN : name.toLowerCase(Locale.ROOT));
        }
        Duration delay = failures.recordFailure(client, name.isEmpty() ? null : name);
        pause(delay);
        return new Refused("Wrong user name, password or token.");
    }

    private boolean checks(String name, String secret) {
        if (name.isEmpty()) {
            return CsrfCheck.constantTimeEquals(token, secret);
        }
        if (!admins.contains(name.toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            return users.test(Username.of(name), secret);
        } catch (UsersRepositoryException | IllegalArgumentException e) {
            LOGGER.warn("Console login of {}: the password could not be checked", name, e);
            return false;
        }
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
