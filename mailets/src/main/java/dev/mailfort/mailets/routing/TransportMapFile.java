/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.apache.james.filesystem.api.FileSystem;

/** Reads the transport map from a James file URL ({@code file://} relative to the working directory). */
public final class TransportMapFile {
    public static final String DEFAULT_LOCATION = "file://conf/transport.map";

    private TransportMapFile() {
    }

    /**
     * @throws IllegalArgumentException when the file is missing or a line is wrong: a server that cannot read its
     *                                  routes must not start and deliver mail by guesswork
     */
    public static TransportMap load(FileSystem fileSystem, String location) {
        File file;
        try {
            file = fileSystem.getFile(location);
        } catch (IOException e) {
            throw new IllegalArgumentException("transport map " + location + " cannot be found: " + e.getMessage(), e);
        }
        if (!file.isFile()) {
            throw new IllegalArgumentException("transport map " + location + " does not exist (" + file.getAbsolutePath() + ")");
        }
        try {
            return TransportMap.parse(Files.readAllLines(file.toPath(), StandardCharsets.UTF_8), file.getName());
        } catch (IOException e) {
            throw new IllegalArgumentException("transport map " + location + " cannot be read: " + e.getMessage(), e);
        }
    }
}
