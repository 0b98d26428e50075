/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's pages by method and path. Every route here needs a logged-in admin; POST routes also need the
 * session's CSRF token (checked by {@link ConsoleHttpHandler} before the action runs).
 */
public final class ConsoleRoutes {
    @FunctionalInterface
    public interface Action {
        void handle(ConsoleExchange exchange, ConsoleSession session) throws Exception;
    }

    /** A group of pages that adds its routes. */
    public interface Section {
        void addTo(ConsoleRoutes routes);
    }

    private final Map<String, Action> actions = new HashMap<>();

    public ConsoleRoutes get(String path, Action action) {
        return add("GET", path, action);
    }

    public ConsoleRoutes post(String path, Action action) {
        return add("POST", path, action);
    }

    private ConsoleRoutes add(String method, String path, Action action) {
        if (actions.putIfAbsent(method + " " + path, action) != null) {
            throw new IllegalStateException("Two console routes for " + method + " " + path);
        }
        return this;
    }

    Optional<Action> find(String method, String path) {
        // HEAD is answered like GET, without the body (ConsoleExchange leaves it out).
        String effective = "HEAD".equals(method) ? "GET" : method;
        return Optional.ofNullable(actions.get(effective + " " + path));
    }

    boolean knowsPath(String path) {
        return actions.keySet().stream().anyMatch(key -> key.endsWith(" " + path));
    }
}
