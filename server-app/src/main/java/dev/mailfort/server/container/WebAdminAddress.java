/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where WebAdmin answers from inside the server's own host or container, read from the working directory's
 * {@code conf/webadmin.properties} (a wildcard bind address is reached on loopback). Shared by the tools that run
 * beside the server: the health probe and the {@code webadmin} command.
 */
final class WebAdminAddress {
    static final int DEFAULT_PORT = 8000;

    private WebAdminAddress() {
    }

    static URI of(Path workingDirectory) {
        Properties webadmin = new Properties();
        Path file = workingDirectory.resolve("conf/webadmin.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                webadmin.load(in);
            } catch (IOException e) {
                // The defaults are the best guess left.
            }
        }
        String port = webadmin.getProperty("port", String.valueOf(DEFAULT_PORT)).strip();
        String host = webadmin.getProperty("host", "127.0.0.1").strip();
        boolean wildcard = host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        return URI.create("http://" + (wildcard ? "127.0.0.1" : host) + ":" + port);
    }
}
