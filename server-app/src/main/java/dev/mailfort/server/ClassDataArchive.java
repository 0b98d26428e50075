/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import javax.management.JMException;
import javax.management.ObjectName;

import org.slf4j.Logger;

/**
 * Writes a class data sharing (CDS) archive of the classes the server loaded to start, once it has started, so that
 * the next start maps them from that file instead of reading, parsing and verifying about 14,000 classes from the
 * jars again: that is most of a restart on a small host (bench/results/2026-11-27-start-and-stop.md).
 *
 * <p>The launcher decides: without the archive it starts the JVM with {@code -XX:+RecordDynamicDumpInfo} and
 * {@code -Dmailfort.cds.archive=FILE}, and the server writes FILE here; with it, it passes
 * {@code -XX:SharedArchiveFile=FILE}. The launchers are {@code docker/start} (the image) and {@code run.sh}; they
 * name the file after the jars, so that other jars (an upgrade) get a new archive. A JVM that cannot use an archive
 * (another JVM build, changed jars) ignores it and starts as without.
 *
 * <p>The archive is written to a temporary file and then moved: a stop in the middle of writing it leaves no
 * truncated archive for the next start to map. Writing it pauses the JVM about a second, once.
 */
public final class ClassDataArchive {
    public static final String PROPERTY = "mailfort.cds.archive";

    private ClassDataArchive() {
    }

    /** Writes the archive when the launcher asked for it; a failure only costs the next start its speed-up. */
    public static void writeIfAsked(Logger logger) {
        Optional.ofNullable(System.getProperty(PROPERTY)).map(Path::of).ifPresent(archive -> {
            long begin = System.nanoTime();
            try {
                write(archive);
                logger.info("Class data archive for faster restarts written to {} in {} ms", archive,
                    (System.nanoTime() - begin) / 1_000_000);
            } catch (IOException | JMException | RuntimeException e) {
                logger.warn("No class data archive written to {} (the next start will not be faster): {}", archive,
                    e.toString());
            }
        });
    }

    static void write(Path archive) throws IOException, JMException {
        Path directory = archive.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, archive.getFileName().toString(), ".partial");
        try {
            // The JVM's "VM.cds dynamic_dump" diagnostic command (jcmd), asked from inside: the image has no jcmd.
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmCds",
                new Object[] {new String[] {"dynamic_dump", partial.toString()}},
                new String[] {String[].class.getName()});
            if (Files.size(partial) == 0) {
                throw new IOException("the JVM wrote nothing: " + String.valueOf(answer).strip()
                    + " (was it started with -XX:+RecordDynamicDumpInfo?)");
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
