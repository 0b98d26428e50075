/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.dns;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the {@code dnsmasq} executable of Debian's {@code dnsmasq-base} package (the binary without a service). */
final class DnsmasqBinary {
    static final String DEBIAN_PACKAGE = "dnsmasq-base";

    private DnsmasqBinary() {
    }

    static Path find() {
        // dnsmasq lives in /usr/sbin, which is not on every user's PATH.
        List<Path> directories = new ArrayList<>(List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    directories.add(Path.of(entry));
                }
            }
        }
        return directories.stream()
            .map(directory -> directory.resolve("dnsmasq"))
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("dnsmasq is not installed: the DNS tests need the Debian "
                + "package " + DEBIAN_PACKAGE + " (apt-get install -y " + DEBIAN_PACKAGE + "; .ci/run installs it)"));
    }
}
