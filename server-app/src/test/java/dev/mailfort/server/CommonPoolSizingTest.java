/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The pool's size is fixed when the JVM first touches it, so each case runs in a JVM of its own, told how many cores
 * it has.
 */
class CommonPoolSizingTest {
    @Test
    void onTwoCoresAsyncStepsRunOnReusedPoolThreads() throws Exception {
        assertThat(runProbe(2)).isEqualTo("parallelism=2 threads<=2");
    }

    @Test
    void onOneCoreToo() throws Exception {
        assertThat(runProbe(1)).isEqualTo("parallelism=2 threads<=2");
    }

    @Test
    void onManyCoresTheJdkDefaultIsKept() throws Exception {
        assertThat(runProbe(8)).isEqualTo("parallelism=7 threads<=7");
    }

    @Test
    void anExplicitSettingWins() throws Exception {
        assertThat(runProbe(2, "-D" + CommonPoolSizing.PARALLELISM + "=1")).startsWith("parallelism=1 ");
    }

    private static String runProbe(int cores, String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:ActiveProcessorCount=" + cores));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    /** Runs 200 async steps and reports the pool's size and how many distinct threads ran them. */
    public static final class Probe {
        public static void main(String[] args) {
            CommonPoolSizing.atLeastTwoThreads();
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            CompletableFuture<?>[] steps = new CompletableFuture<?>[200];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = CompletableFuture.runAsync(() -> threads.add(Thread.currentThread()));
            }
            CompletableFuture.allOf(steps).join();
            int parallelism = ForkJoinPool.getCommonPoolParallelism();
            System.out.println("parallelism=" + parallelism
                + (threads.size() <= parallelism ? " threads<=" + parallelism : " threads=" + threads.size()));
        }
    }
}
