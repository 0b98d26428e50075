/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

class ClassDataArchiveTest {
    @TempDir
    Path directory;

    @Test
    void aJvmStartedWithoutRecordingCannotWriteOneAndLeavesNothingBehind() throws Exception {
        Path archive = directory.resolve("cds/mailfort.jsa");

        assertThatThrownBy(() -> ClassDataArchive.write(archive))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("RecordDynamicDumpInfo");
        try (Stream<Path> left = Files.list(archive.getParent())) {
            assertThat(left).as("no archive, no partial file").isEmpty();
        }
    }

    @Test
    void theArchiveWrittenByOneStartIsMappedByTheNext() throws Exception {
        Path archive = directory.resolve("cds/mailfort.jsa");

        Run first = java("-XX:+RecordDynamicDumpInfo", "-D" + ClassDataArchive.PROPERTY + "=" + archive);
        assertThat(first.exitCode).as(first.output).isZero();
        assertThat(archive).isNotEmptyFile();
        try (Stream<Path> files = Files.list(archive.getParent())) {
            assertThat(files).containsExactly(archive);
        }

        // -Xshare:on makes the JVM fail instead of silently starting without an archive it cannot map.
        Run next = java("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info");
        assertThat(next.exitCode).as(next.output).isZero();
        assertThat(next.output).as("a class of the application, mapped from the archive")
            .contains(StartThenArchive.class.getName() + " source: shared objects file (top)");
    }

    /** What a launcher starts: a JVM that loads some classes, then writes the archive when asked, as the servers do. */
    public static final class StartThenArchive {
        public static void main(String[] args) throws Exception {
            String archive = System.getProperty(ClassDataArchive.PROPERTY);
            if (archive != null) {
                ClassDataArchive.write(Path.of(archive));
            }
        }
    }

    /** A JVM that archives classes refuses directories in its class path: the two classes go into a jar. */
    private String classPathOfJarsOnly() throws Exception {
        Path jar = directory.resolve("launched.jar");
        if (!Files.exists(jar)) {
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (Class<?> type : List.of(ClassDataArchive.class, StartThenArchive.class)) {
                    String entry = type.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new JarEntry(entry));
                    try (InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
                        bytes.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        Path slf4j = Path.of(Logger.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar + File.pathSeparator + slf4j;
    }

    private record Run(int exitCode, String output) {
    }

    private Run java(String... options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", classPathOfJarsOnly(), StartThenArchive.class.getName()));
        Path output = directory.resolve("output-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }
}
