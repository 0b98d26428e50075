/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;

/** James's file URLs over a temporary folder standing for the server's working directory. */
final class WorkingDirectoryFileSystem implements FileSystem {
    private final Path root;

    WorkingDirectoryFileSystem(Path root) {
        this.root = root;
    }

    @Override
    public InputStream getResource(String url) throws FileNotFoundException {
        return new FileInputStream(getFile(url));
    }

    @Override
    public File getFile(String fileUrl) {
        if (fileUrl.startsWith(FILE_PROTOCOL_ABSOLUTE)) {
            return new File(fileUrl.substring(FILE_PROTOCOL_ABSOLUTE.length() - 1));
        }
        if (fileUrl.startsWith(FILE_PROTOCOL)) {
            return root.resolve(fileUrl.substring(FILE_PROTOCOL.length())).toFile();
        }
        return new File(fileUrl);
    }

    @Override
    public File getBasedir() {
        return root.toFile();
    }
}
