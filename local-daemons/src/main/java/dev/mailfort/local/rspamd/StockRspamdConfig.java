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

/**
 * The packaged {@code /etc/rspamd/rspamd.conf} with every module, rule and action threshold as shipped, and only
 * what a private instance needs overridden, through its own local configuration directory (so the machine's
 * {@code /etc/rspamd/local.d} is not read either):
 * <ul>
 *   <li>the scanner worker on 127.0.0.1 and the given port, one process;</li>
 *   <li>no controller and no proxy, which would take their fixed ports 11334 and 11332;</li>
 *   <li>no network: DNS goes to a closed loopback port, so DNS lists, SPF/DKIM/DMARC lookups and map downloads
 *       fail at once instead of reaching the Internet. The local rules and scores still apply.</li>
 * </ul>
 */
public final class StockRspamdConfig implements RspamdConfig {
    /** Where Debian's package puts the main configuration file. */
    public static final Path DEBIAN_MAIN_CONFIG = Path.of("/etc/rspamd/rspamd.conf");
    // The first start compiles the packaged rules and public-suffix list (~9600 entries): 10 to 40 s on a laptop.
    // The result is cached in db/, so that later starts in the same directory take about a second.
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path mainConfig;

    private StockRspamdConfig(Path mainConfig) {
        this.mainConfig = mainConfig;
    }

    public static StockRspamdConfig debian() {
        return of(DEBIAN_MAIN_CONFIG);
    }

    public static StockRspamdConfig of(Path mainConfig) {
        return new StockRspamdConfig(mainConfig);
    }

    public Path mainConfig() {
        return mainConfig;
    }

    @Override
    public Path write(Path directory, int port) {
        if (!Files.isRegularFile(mainConfig)) {
            throw new IllegalStateException("No rspamd configuration at " + mainConfig + ": is the Debian package "
                + RspamdBinary.DEBIAN_PACKAGE + " installed?");
        }
        Path override = directory.resolve("local").resolve("override.d");
        Path local = directory.resolve("local").resolve("local.d");
        try {
            Files.createDirectories(override);
            Files.createDirectories(local);
            write(override.resolve("worker-normal.inc"), """
                # Written by Mailfort (StockRspamdConfig) at each start.
                bind_socket = "127.0.0.1:%d";
                count = 1;
                """.formatted(port));
            write(override.resolve("worker-controller.inc"), "enabled = false;\n");
            write(override.resolve("worker-proxy.inc"), "enabled = false;\n");
            write(local.resolve("options.inc"), """
                # Written by Mailfort (StockRspamdConfig): offline, every DNS query fails at once.
                dns {
                  nameserver = ["127.0.0.1:1"];
                  timeout = 100ms;
                  retransmits = 1;
                }
                """);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rspamd overrides in " + directory, e);
        }
        return mainConfig;
    }

    @Override
    public Duration startTimeout() {
        return START_TIMEOUT;
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "the stock configuration " + mainConfig + ", offline";
    }
}
