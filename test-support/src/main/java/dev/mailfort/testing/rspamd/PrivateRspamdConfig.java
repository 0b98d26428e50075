/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.rspamd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The files of a test rspamd, all under one directory: its own rspamd.conf, database, run and log directories, and
 * a local rules file with the test triggers of {@link RspamdTestMail}.
 *
 * <p>The configuration does not include the packaged {@code /etc/rspamd/rspamd.conf}: that one starts a proxy and
 * a controller on fixed ports and loads every module, most of which fetch maps over HTTPS, ask DNS blocklists or
 * need Redis. It takes only the packaged rules and their scores ({@code metrics.conf}, {@code groups.conf},
 * {@code composites.conf}), so the built-in checks score as in production. Lua plugins without a configuration
 * section stay off, which leaves nothing that reaches the network; DNS is pointed at a closed loopback port anyway.
 */
final class PrivateRspamdConfig {
    private static final String CONFIG_FILE = "rspamd.conf";
    // The packaged public-suffix list has ~9600 entries and takes rspamd ~13 s to compile at each start; this
    // short one keeps start under a second. URLs in test mail must use one of these top-level domains.
    private static final List<String> TOP_LEVEL_DOMAINS = List.of(
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "name", "pro", "aero", "coop", "mobi", "asia",
        "app", "dev", "io", "ai", "co", "me", "tv", "cc", "ws", "eu", "us", "ca", "mx", "br", "ar", "cl", "uk",
        "co.uk", "org.uk", "ac.uk", "gov.uk", "ie", "fr", "de", "nl", "be", "lu", "ch", "at", "it", "es", "pt", "dk",
        "se", "no", "fi", "is", "pl", "cz", "sk", "hu", "ro", "bg", "gr", "tr", "ru", "ua", "il", "ae", "sa", "in",
        "cn", "com.cn", "jp", "co.jp", "kr", "tw", "hk", "sg", "my", "th", "vn", "id", "ph", "au", "com.au", "nz",
        "co.nz", "za", "co.za", "ng", "ke", "eg", "ma", "example", "test", "invalid", "localhost");

    private PrivateRspamdConfig() {
    }

    /** Writes the files and returns the configuration file to give to {@code rspamd -c}. */
    static Path write(Path directory, int port) {
        try {
            for (String subdirectory : List.of("db", "run", "log", "local")) {
                Files.createDirectories(directory.resolve(subdirectory));
            }
            Files.writeString(directory.resolve("tld.dat"), String.join("\n", TOP_LEVEL_DOMAINS) + "\n",
                StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("local").resolve("rspamd.local.lua"), triggerRules(),
                StandardCharsets.UTF_8);
            Path config = directory.resolve(CONFIG_FILE);
            Files.writeString(config, mainConfig(directory, port), StandardCharsets.UTF_8);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rspamd configuration in " + directory, e);
        }
    }

    /** The variables that move every path rspamd writes to into {@code directory}. */
    static List<String> pathVariables(Path directory) {
        return List.of(
            "--var", "DBDIR=" + directory.resolve("db"),
            "--var", "RUNDIR=" + directory.resolve("run"),
            "--var", "LOGDIR=" + directory.resolve("log"),
            "--var", "LOCAL_CONFDIR=" + directory.resolve("local"));
    }

    static Path logFile(Path directory) {
        return directory.resolve("log").resolve("rspamd.log");
    }

    private static String mainConfig(Path directory, int port) {
        return """
            lua = "$RULESDIR/rspamd.lua";
            .include "$CONFDIR/metrics.conf"
            .include "$CONFDIR/groups.conf"
            .include "$CONFDIR/composites.conf"

            actions {
              greylist = %s;
              add_header = %s;
              rewrite_subject = %s;
              reject = %s;
              subject = "%s";
            }

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
            """.formatted(
                score(RspamdTestMail.GREYLIST_THRESHOLD),
                score(RspamdTestMail.ADD_HEADER_THRESHOLD),
                score(RspamdTestMail.REWRITE_SUBJECT_THRESHOLD),
                score(RspamdTestMail.REJECT_THRESHOLD),
                RspamdTestMail.SUBJECT_TEMPLATE,
                directory.resolve("tld.dat"),
                port);
    }

    private static String triggerRules() {
        return """
            -- Test triggers: a header value that lands a message in one action's score band, or forces an action.
            local function score_rule(value, score)
              return {
                re = '%1$s=/^' .. value .. '$/H',
                score = score,
                description = 'Mailfort test trigger: ' .. value,
                group = 'mailfort_test',
              }
            end

            config['regexp']['%2$s'] = score_rule('%3$s', %4$s)
            config['regexp']['%5$s'] = score_rule('%6$s', %7$s)
            config['regexp']['%8$s'] = score_rule('%9$s', %10$s)

            rspamd_config:register_symbol({
              name = '%11$s',
              type = 'prefilter',
              priority = 10,
              callback = function(task)
                if task:get_header('%1$s') == '%12$s' then
                  task:set_pre_result('soft reject', '%13$s', 'mailfort_test')
                end
              end,
            })
            """.formatted(
                RspamdTestMail.TRIGGER_HEADER,
                RspamdTestMail.GREYLIST_SYMBOL, RspamdTestMail.GREYLIST_TRIGGER,
                score(RspamdTestMail.GREYLIST_THRESHOLD + 1),
                RspamdTestMail.ADD_HEADER_SYMBOL, RspamdTestMail.ADD_HEADER_TRIGGER,
                score(RspamdTestMail.ADD_HEADER_THRESHOLD + 2),
                RspamdTestMail.REWRITE_SUBJECT_SYMBOL, RspamdTestMail.REWRITE_SUBJECT_TRIGGER,
                score(RspamdTestMail.REWRITE_SUBJECT_THRESHOLD + 1),
                RspamdTestMail.SOFT_REJECT_SYMBOL, RspamdTestMail.SOFT_REJECT_TRIGGER,
                RspamdTestMail.SOFT_REJECT_MESSAGE);
    }

    private static String score(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
