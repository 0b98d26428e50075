/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The right-hand side of a transport map line: {@code local}, {@code mx [tls=...]},
 * {@code relay:[host]:port [tls=...] [auth=<file URL>]}, {@code reject[:"text"]} or {@code hold}.
 */
final class RouteSyntax {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern ADDRESS_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");
    // The text goes into an SMTP reply line: printable US-ASCII only, or a client could be fed a fake reply.
    private static final Pattern REPLY_TEXT = Pattern.compile("[\\x20-\\x7E]{1,400}");
    private static final String REJECT = "reject";

    private RouteSyntax() {
    }

    static Route parse(String text) {
        String content = text.strip();
        if (content.toLowerCase(Locale.ROOT).startsWith(REJECT)) {
            return reject(content.substring(REJECT.length()));
        }
        String[] words = content.split("\\s+");
        String action = words[0];
        Map<String, String> options = options(List.of(words).subList(1, words.length));
        String name = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
        switch (name.toLowerCase(Locale.ROOT)) {
            case "local":
                return withoutArgument(action, options, Route.LOCAL);
            case "hold":
                return withoutArgument(action, options, Route.HOLD);
            case "mx":
                noArgument(action);
                allowOnly(options, "tls");
                return Optional.ofNullable(options.get("tls")).map(TlsPolicy::parse).map(Route::mx).orElse(Route.MX);
            case "relay":
                allowOnly(options, "tls", "auth");
                return relay(action.substring(name.length()), options);
            default:
                throw new IllegalArgumentException("unknown action " + action + " (local, mx, relay:host[:port], reject[:\"text\"], hold)");
        }
    }

    private static Route reject(String rest) {
        if (rest.isEmpty()) {
            return Route.reject(Route.DEFAULT_REJECT_TEXT);
        }
        if (!rest.startsWith(":")) {
            throw new IllegalArgumentException("reject takes its text after a colon: reject:\"text\"");
        }
        String reason = rest.substring(1).strip();
        if (reason.startsWith("\"")) {
            if (reason.length() < 2 || !reason.endsWith("\"")) {
                throw new IllegalArgumentException("the reject text has no closing quote");
            }
            reason = reason.substring(1, reason.length() - 1).strip();
        }
        if (!REPLY_TEXT.matcher(reason).matches()) {
            throw new IllegalArgumentException("the reject text must be 1 to 400 printable ASCII characters");
        }
        return Route.reject(reason);
    }

    private static Route relay(String argument, Map<String, String> options) {
        if (!argument.startsWith(":") || argument.length() == 1) {
            throw new IllegalArgumentException("relay needs a host: relay:[smtp.example.net]:587");
        }
        String hostAndPort = argument.substring(1);
        String host;
        String port;
        if (hostAndPort.startsWith("[")) {
            int close = hostAndPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("no closing ] after the relay host");
            }
            host = hostAndPort.substring(1, close);
            String after = hostAndPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("expected :port after ]");
            }
            port = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = hostAndPort.indexOf(':');
            host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
            port = colon < 0 ? null : hostAndPort.substring(colon + 1);
        }
        if (!HOST_NAME.matcher(host).matches() && !(hostAndPort.startsWith("[") && ADDRESS_LITERAL.matcher(host).matches())) {
            throw new IllegalArgumentException("not a host name: " + host);
        }
        TlsPolicy tls = Optional.ofNullable(options.get("tls")).map(TlsPolicy::parse).orElse(TlsPolicy.MAY);
        return Route.relay(host.toLowerCase(Locale.ROOT), port == null ? Route.DEFAULT_RELAY_PORT : port(port), tls,
            Optional.ofNullable(options.get("auth")));
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the other bad values.
        }
        throw new IllegalArgumentException("not a port: " + text);
    }

    private static Route withoutArgument(String action, Map<String, String> options, Route route) {
        noArgument(action);
        allowOnly(options);
        return route;
    }

    private static void noArgument(String action) {
        if (action.contains(":")) {
            throw new IllegalArgumentException(action.substring(0, action.indexOf(':')) + " takes no argument");
        }
    }

    private static Map<String, String> options(List<String> words) {
        Map<String, String> options = new HashMap<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals <= 0 || equals == word.length() - 1) {
                throw new IllegalArgumentException("expected name=value, found " + word);
            }
            String name = word.substring(0, equals).toLowerCase(Locale.ROOT);
            if (options.put(name, word.substring(equals + 1)) != null) {
                throw new IllegalArgumentException(name + "= given twice");
            }
        }
        return options;
    }

    private static void allowOnly(Map<String, String> options, String... allowed) {
        List<String> names = List.of(allowed);
        for (String name : options.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException(names.isEmpty()
                    ? "this action takes no option, found " + name + "="
                    : "unknown option " + name + "= (allowed: " + String.join(", ", names) + ")");
            }
        }
    }
}
