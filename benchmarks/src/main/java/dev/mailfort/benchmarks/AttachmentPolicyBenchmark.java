/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.benchmarks;

import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.mailfort.scanning.attachments.AttachmentPolicy;
import dev.mailfort.scanning.attachments.AttachmentPolicySettings;
import dev.mailfort.scanning.attachments.AttachmentVerdict;

/**
 * The attachment policy on the generated corpus, default settings, one thread.
 *
 * <p>{@code latency} gives the time per message (the "under 1 ms for 50 KB" target); {@code throughput} gives
 * messages per second and, through the {@code bytes} counter, raw message bytes per second (the "200 MB/s per core"
 * target). Every message is clean, so the whole of it is walked.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AttachmentPolicyBenchmark {

    /** Which message of the corpus. */
    @Param({"text-html-50k", "office-1m", "zip-600k"})
    public String mail;

    private byte[] message;
    private AttachmentPolicy policy;

    /** Raw message bytes inspected, reported per second by JMH. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Setup
    public void generate() {
        RealisticMail corpus = new RealisticMail(20_260_202L);
        message = switch (mail) {
            case "text-html-50k" -> corpus.textAndHtml();
            case "office-1m" -> corpus.officeAttachments();
            case "zip-600k" -> corpus.zipAttachment();
            default -> throw new IllegalArgumentException(mail);
        };
        policy = new AttachmentPolicy(AttachmentPolicySettings.DEFAULTS);
        AttachmentVerdict verdict = inspect();
        if (verdict.isBlocked() || !verdict.findings().isEmpty()) {
            throw new IllegalStateException("the corpus must be clean to be walked in full: " + verdict);
        }
        System.out.printf("%n%s: %d bytes, %d parts%n", mail, message.length, verdict.partsInspected());
    }

    private AttachmentVerdict inspect() {
        return policy.inspect(new ByteArrayInputStream(message));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public AttachmentVerdict latency() {
        return inspect();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public AttachmentVerdict throughput(Bytes counter) {
        counter.bytes += message.length;
        return inspect();
    }
}
