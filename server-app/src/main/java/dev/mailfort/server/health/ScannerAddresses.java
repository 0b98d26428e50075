/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.mailfort.server.local.LocalScannerConf;

/**
 * Where the pipeline of {@code mailetcontainer.xml} expects clamd and rspamd, so that the health checks ask the same
 * daemons the mail goes to. Absent when the admin switched a scanner off.
 */
final class ScannerAddresses {
    private final Optional<LocalScannerConf.ClamdAddress> clamd;
    private final Optional<URI> rspamd;

    private ScannerAddresses(Optional<LocalScannerConf.ClamdAddress> clamd, Optional<URI> rspamd) {
        this.clamd = clamd;
        this.rspamd = rspamd;
    }

    static ScannerAddresses of(Path confDirectory) {
        Path pipeline = confDirectory.resolve("mailetcontainer.xml");
        if (!Files.exists(pipeline)) {
            return new ScannerAddresses(Optional.empty(), Optional.empty());
        }
        try {
            String xml = Files.readString(pipeline, StandardCharsets.UTF_8);
            return new ScannerAddresses(LocalScannerConf.clamd(xml), LocalScannerConf.rspamd(xml));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pipeline, e);
        }
    }

    Optional<LocalScannerConf.ClamdAddress> clamd() {
        return clamd;
    }

    Optional<URI> rspamd() {
        return rspamd;
    }
}
