/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rspamd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small rspamd configuration of our own that starts in about a second: the packaged rules and their scores
 * ({@code metrics.conf}, {@code groups.conf}, {@code composites.conf}) with only the {@code chartable} and
 * {@code regexp} filters, the action thresholds given here, and optional local Lua rules (test triggers, say).
 *
 * <p>It does not include the packaged {@code /etc/rspamd/rspamd.conf}: that one starts a proxy and a controller on
 * fixed ports and loads every module, most of which fetch maps over HTTPS, ask DNS blocklists or need Redis. Lua
 * plugins without a configuration section stay off, which leaves nothing that reaches the network; DNS is pointed
 * at a closed loopback port anyway. For the full packaged rule set see {@link StockRspamdConfig}.
 */
public final class PrivateRspamdConfig implements RspamdConfig {
    // The packaged public-suffix list has ~9600 entries and takes rspamd ~13 s to compile at each start; this
    // short one keeps start under a second. URLs in scanned mail must use one of these top-level domains.
    private static final List<String> TOP_LEVEL_DOMAINS = List.of(
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "aero", "coop", "mobi", "asia",
        "app", "dev", "io", "ai", "co", "me", "tv", "cc", "ws", "eu", "us", "ca", "mx", "br", "ar", "cl", "uk",
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ie", "fr", "de", "nl", "be", "lu", "ch", "at", "it", "es", "pt", "dk",
        "se", "no", "fi", "is", "pl", "cz", "sk", "hu", "ro", "bg", "gr", "tr", "ru", "ua", "il", "ae", "sa", "in",
        "cn", "com.cn", "jp", "co.jp", "kr", "tw", "hk", "sg", "my", "th", "vn", "id", "ph", "au", "com.au", "nz",
        "co.nz", "za", "co.za", "ng", "ke", "eg", "ma", "example", "test", "invalid", "localhost");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Double> actions;
    private final String subject;
    private final String localRules;

    private PrivateRspamdConfig(Builder builder) {
        this.actions = Map.copyOf(builder.actions);
        this.subject = builder.subject;
        this.localRules = builder.localRules;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Path write(Path directory, int port) {
        try {
            Path local = directory.resolve("local");
            Files.createDirectories(local);
            Files.writeString(directory.resolve("tld.dat"), String.join("\n", TOP_LEVEL_DOMAINS) + "\n",
                StandardCharsets.UTF_8);
            Files.writeString(local.resolve("rspamd.local.lua"), localRules, StandardCharsets.UTF_8);
            Path config = directory.resolve("rspamd.conf");
            Files.writeString(config, mainConfig(directory, port), StandardCharsets.UTF_8);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rspamd configuration in " + directory, e);
        }
    }

    @Override
    public Duration startTimeout() {
        return START_TIMEOUT;
    }

    private String mainConfig(Path directory, int port) {
        return """
            lua = "$RULESDIR/rspamd.lua";
            .include "$CONFDIR/metrics.conf"
            .include "$CONFDIR/groups.conf"
            .include "$CONFDIR/composites.conf"

            actions {
            %s}

            modules {
              path = "${PLUGINSDIR}";
            }

            options {
              pidfile = "$RUNDIR/rspamd.pid";
              filters = "chartable,regexp";
              cache_file = "$DBDIR/symbols.cache";
              hs_cache_dir = "$DBDIR/";
              history_file = "$DBDIR/rspamd.history";
              control_socket = "$RUNDIR/rspamd.sock mode=0600";
              tempdir = "$RUNDIR";
              url_tld = "%s";
              allow_raw_input = true;
              task_timeout = 8s;
              dns {
                nameserver = ["127.0.0.1:1"];
                timeout = 100ms;
                retransmits = 1;
              }
            }

            logging {
              type = "file";
              filename = "$LOGDIR/rspamd.log";
              level = "info";
            }

            worker "normal" {
              bind_socket = "127.0.0.1:%d";
              mime = true;
              count = 1;
            }

            chartable {}
            regexp {}
            """.formatted(actionLines(), directory.resolve("tld.dat"), port);
    }

    private String actionLines() {
        StringBuilder lines = new StringBuilder();
        // Sorted, so that the file is the same from one run to the next.
        actions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(action -> lines.append("  ")
            .append(action.getKey()).append(" = ").append(String.format(Locale.ROOT, "%.1f", action.getValue()))
            .append(";\n"));
        if (subject != null) {
            lines.append("  subject = \"").append(subject.replace("\\", "\\\\").replace("\"", "\\\""))
                .append("\";\n");
        }
        return lines.toString();
    }

    public static final class Builder {
        private final Map<String, Double> actions = new LinkedHashMap<>();
        private String subject;
        private String localRules = "";

        private Builder() {
        }

        /** The score from which rspamd answers with {@code action} ({@code greylist}, {@code add_header}...). */
        public Builder action(String action, double threshold) {
            actions.put(action, threshold);
            return this;
        }

        /** The subject of the {@code rewrite subject} action; rspamd replaces {@code %s} with the original one. */
        public Builder subject(String template) {
            this.subject = template;
            return this;
        }

        /** Lua for {@code rspamd.local.lua}, e.g. rules or prefilters of the caller's own. */
        public Builder localRules(String lua) {
            this.localRules = lua;
            return this;
        }

        public PrivateRspamdConfig build() {
            return new PrivateRspamdConfig(this);
        }
    }
}
