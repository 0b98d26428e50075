/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Properties;
import java.util.Set;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AUTH user name and password for a smarthost, read from their own file (Java properties: {@code username=} and
 * {@code password=}) so that the transport map, which many people read and copy, holds no secret. The file should be
 * readable by the server's user only; a warning says so when others may read it. {@link #toString()} never shows
 * the password.
 */
public record SmarthostCredentials(String username, String password) {
    private static final Logger LOGGER = LoggerFactory.getLogger(SmarthostCredentials.class);

    public static SmarthostCredentials read(FileSystem fileSystem, String location) {
        File file;
        try {
            file = fileSystem.getFile(location);
        } catch (IOException e) {
            throw new IllegalArgumentException("smarthost credentials " + location + " cannot be found", e);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("smarthost credentials " + location + " cannot be read: " + e.getMessage(), e);
        }
        String username = properties.getProperty("username", "").strip();
        String password = properties.getProperty("password", "");
        if (username.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("smarthost credentials " + location + " need both username= and password=");
        }
        warnIfOthersMayRead(file, location);
        return new SmarthostCredentials(username, password);
    }

    private static void warnIfOthersMayRead(File file, String location) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file.toPath());
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOGGER.warn("Smarthost credentials {} may be read by other users than the server's: chmod 600 it", location);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
    }

    @Override
    public String toString() {
        return "SmarthostCredentials[username=" + username + ", password=****]";
    }
}
