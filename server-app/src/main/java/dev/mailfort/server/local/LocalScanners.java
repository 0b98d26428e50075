/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

import dev.mailfort.local.clamav.ClamdBinary;
import dev.mailfort.local.clamav.ClamdOptions;
import dev.mailfort.local.clamav.ClamdPing;
import dev.mailfort.local.clamav.ClamdSignatures;
import dev.mailfort.local.clamav.LocalClamd;
import dev.mailfort.local.rspamd.LocalRspamd;
import dev.mailfort.local.rspamd.RspamdBinary;
import dev.mailfort.local.rspamd.RspamdConfig;
import dev.mailfort.local.rspamd.RspamdPing;
import dev.mailfort.local.rspamd.StockRspamdConfig;
import dev.mailfort.server.local.LocalScannerConf.ClamdAddress;

/**
 * The scanners of a local run. The pipeline fails closed (mail waits while clamd or rspamd is unreachable), so a
 * developer without the system services would get a server that holds every mail. When {@code run/conf} expects a
 * scanner on loopback and nothing answers there, this starts one as a child process, state in
 * {@code run/clamd} / {@code run/rspamd}, on a free port, and points {@code run/conf} at it; a scanner elsewhere,
 * or one already answering, is used as configured. Without the program it says what to install, and changes
 * nothing: the pipeline is the production one.
 */
final class LocalScanners {
    static final String MAILETCONTAINER = "mailetcontainer.xml";
    static final String SMTPSERVER = "smtpserver.xml";

    private final Path runDirectory;
    private final Machine machine;
    private final Logger logger;
    private final List<String> warnings = new ArrayList<>();
    private volatile LocalClamd clamd;
    private volatile LocalRspamd rspamd;
    private volatile boolean stopping;

    /** What is installed: the programs, the ClamAV database, the packaged rspamd configuration. */
    record Machine(Optional<Path> clamdBinary, Path clamavDatabase, Optional<Path> rspamdBinary,
                   RspamdConfig rspamdConfig) {
        static Machine installed() {
            return new Machine(ClamdBinary.locate(), ClamdSignatures.SYSTEM_DATABASE, RspamdBinary.locate(),
                StockRspamdConfig.debian());
        }
    }

    LocalScanners(Path runDirectory, Machine machine, Logger logger) {
        this.runDirectory = runDirectory;
        this.machine = machine;
        this.logger = logger;
    }

    /** Starts clamd and rspamd side by side, each only if needed; completes once both answer or were given up. */
    CompletableFuture<Void> startInBackground() {
        return CompletableFuture.allOf(
            runInOwnThread(this::startClamdIfNeeded, "mailfort-local-clamd"),
            runInOwnThread(this::startRspamdIfNeeded, "mailfort-local-rspamd"));
    }

    /** The same, waiting for both. */
    void start() {
        startInBackground().join();
    }

    /** Stops what this started; one being started is stopped too, and one not yet launched never is. */
    void stop() {
        stopping = true;
        LocalRspamd startedRspamd = rspamd;
        if (startedRspamd != null && startedRspamd.isRunning()) {
            logger.info("Stopping rspamd");
            startedRspamd.stop();
        }
        LocalClamd startedClamd = clamd;
        if (startedClamd != null && startedClamd.isRunning()) {
            logger.info("Stopping clamd");
            startedClamd.stop();
        }
    }

    Optional<LocalClamd> clamd() {
        return Optional.ofNullable(clamd);
    }

    Optional<LocalRspamd> rspamd() {
        return Optional.ofNullable(rspamd);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void startClamdIfNeeded() {
        Optional<ClamdAddress> configured = LocalScannerConf.clamd(read(MAILETCONTAINER));
        if (configured.isEmpty()) {
            logger.info("No ScanWithClamAV mailet in {}: no clamd needed", MAILETCONTAINER);
            return;
        }
        ClamdAddress address = configured.get();
        if (!LocalScannerConf.isLoopback(address.host())) {
            logger.info("Virus scanning uses the clamd of {}: {}", MAILETCONTAINER, address);
            return;
        }
        if (ClamdPing.answers(address.host(), address.port())) {
            logger.info("A clamd already answers on {}: virus scanning uses it", address);
            return;
        }
        if (machine.clamdBinary().isEmpty()) {
            warn("clamd is not installed and nothing answers on {} where {} expects it. Every mail will WAIT in the "
                + "queue (processor clamav-retry) until clamd is reachable: the pipeline fails closed. Install the "
                + "Debian package {} (sudo apt-get install {}) and run ./run.sh again; or, to run without virus "
                + "scanning, replace the content of the virus-scan processor in conf/{} by a single "
                + "<mailet match=\"All\" class=\"ToProcessor\"><processor>attachment-scan</processor></mailet>.",
                address, MAILETCONTAINER, ClamdBinary.DEBIAN_PACKAGE, ClamdBinary.DEBIAN_PACKAGE, MAILETCONTAINER);
            return;
        }
        ClamdSignatures signatures = ClamdSignatures.systemDatabaseOrEicarOnly(machine.clamavDatabase());
        if (!signatures.usesSystemDatabase()) {
            warn("NO REAL VIRUS SIGNATURES: {} holds no ClamAV database (*.cvd, *.cld), so the local clamd detects "
                + "only the EICAR test file and lets every real virus through. Download the signatures with "
                + "'sudo freshclam' (package clamav-freshclam) and run ./run.sh again.", machine.clamavDatabase());
        }
        try {
            LocalClamd started = LocalClamd.in(machine.clamdBinary().get(), runDirectory.resolve("clamd"),
                ClamdOptions.builder(signatures).build());
            if (stopping) {
                return;
            }
            clamd = started;
            logger.info("Nothing answers on {}: starting clamd on 127.0.0.1:{} with {} (log {})", address,
                started.port(), signatures, started.logFile());
            long begin = System.nanoTime();
            started.start();
            rewrite(MAILETCONTAINER, xml -> LocalScannerConf.pointClamdAt(xml, address, started.port()));
            logger.info("clamd ready on 127.0.0.1:{} after {} s; run/conf/{} points ScanWithClamAV at it",
                started.port(), seconds(System.nanoTime() - begin), MAILETCONTAINER);
        } catch (RuntimeException e) {
            if (!stopping) {
                warn("clamd could not be started, so every mail will WAIT in the queue (clamav-retry) until a clamd "
                    + "answers on {}: {}", address, e.getMessage());
            }
        }
    }

    private void startRspamdIfNeeded() {
        Optional<URI> configured = LocalScannerConf.rspamd(read(MAILETCONTAINER))
            .or(() -> LocalScannerConf.rspamd(read(SMTPSERVER)));
        if (configured.isEmpty()) {
            logger.info("No rspamd client in {} or {}: no rspamd needed", MAILETCONTAINER, SMTPSERVER);
            return;
        }
        URI uri = configured.get();
        if (uri.getHost() == null || !LocalScannerConf.isLoopback(uri.getHost())) {
            logger.info("Spam scanning uses the rspamd of the configuration: {}", uri);
            return;
        }
        if (RspamdPing.answers(uri)) {
            logger.info("An rspamd already answers at {}: spam scanning uses it", uri);
            return;
        }
        if (machine.rspamdBinary().isEmpty()) {
            warn("rspamd is not installed and nothing answers at {} where the configuration expects it. Every mail "
                + "will WAIT: SMTP clients get 451 while rspamd is unreachable, and mail already accepted waits in "
                + "the queue (processor rspamd-retry): the pipeline fails closed. Install the Debian package {} "
                + "(sudo apt-get install {}) and run ./run.sh again; or, to run without spam scanning, replace the "
                + "content of the spam-scan processor in conf/{} by a single "
                + "<mailet match=\"All\" class=\"ToProcessor\"><processor>transport</processor></mailet> and remove "
                + "the CheckSpamBeforeAccepting handlers from conf/{}.",
                uri, RspamdBinary.DEBIAN_PACKAGE, RspamdBinary.DEBIAN_PACKAGE, MAILETCONTAINER, SMTPSERVER);
            return;
        }
        try {
            LocalRspamd started = LocalRspamd.in(runDirectory.resolve("rspamd"), machine.rspamdBinary().get(),
                machine.rspamdConfig());
            if (stopping) {
                return;
            }
            rspamd = started;
            logger.info("Nothing answers at {}: starting rspamd at {} with {} (log {}); the first start compiles its "
                + "rules, 10 to 40 s", uri, started.uri(), machine.rspamdConfig(), started.logFile());
            long begin = System.nanoTime();
            started.start();
            URI local = started.uri();
            rewrite(MAILETCONTAINER, xml -> LocalScannerConf.pointRspamdAt(xml, uri, local));
            rewrite(SMTPSERVER, xml -> LocalScannerConf.pointRspamdAt(xml, uri, local));
            logger.info("rspamd ready at {} after {} s; run/conf points ScanWithRspamd and CheckSpamBeforeAccepting "
                + "at it", local, seconds(System.nanoTime() - begin));
        } catch (RuntimeException e) {
            if (!stopping) {
                warn("rspamd could not be started, so every mail will WAIT (451 in the SMTP dialogue, rspamd-retry "
                    + "after it) until an rspamd answers at {}: {}", uri, e.getMessage());
            }
        }
    }

    private String read(String confFile) {
        Path file = runDirectory.resolve("conf").resolve(confFile);
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    // Both scanners may rewrite mailetcontainer.xml, from their own threads.
    private synchronized void rewrite(String confFile, UnaryOperator<String> change) {
        Path file = runDirectory.resolve("conf").resolve(confFile);
        if (!Files.exists(file)) {
            return;
        }
        try {
            Files.writeString(file, change.apply(Files.readString(file, StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite " + file, e);
        }
    }

    private synchronized void warn(String format, Object... arguments) {
        String message = MessageFormatter.arrayFormat(format, arguments).getMessage();
        warnings.add(message);
        logger.warn(message);
    }

    private static CompletableFuture<Void> runInOwnThread(Runnable task, String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
