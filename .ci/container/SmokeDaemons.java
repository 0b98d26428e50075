/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import dev.mailfort.cassandra.runner.LocalCassandra;
import dev.mailfort.cassandra.runner.LocalCassandraSettings;
import dev.mailfort.local.FreeLoopbackPort;
import dev.mailfort.local.clamav.ClamdBinary;
import dev.mailfort.local.clamav.ClamdOptions;
import dev.mailfort.local.clamav.ClamdSignatures;
import dev.mailfort.local.clamav.LocalClamd;
import dev.mailfort.local.rspamd.LocalRspamd;
import dev.mailfort.local.rspamd.StockRspamdConfig;

/**
 * What the image smoke test runs beside the container, on free loopback ports (the container uses the host's
 * network): a Cassandra 5.0 node, clamd (EICAR signature only) and an offline rspamd, the same way the tests start
 * them. Writes MAILFORT_* variables for the container into ENV_FILE once all answer, then runs until killed.
 * Usage: java -cp 'server-app/target/lib/*' .ci/container/SmokeDaemons.java STATE_DIR ENV_FILE
 */
public class SmokeDaemons {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]).toAbsolutePath();
        CompletableFuture<LocalClamd> clamd = CompletableFuture.supplyAsync(() -> {
            LocalClamd started = LocalClamd.in(ClamdBinary.find(), state.resolve("clamd"),
                ClamdOptions.builder(ClamdSignatures.eicarOnly()).build());
            started.start();
            return started;
        });
        CompletableFuture<LocalRspamd> rspamd = CompletableFuture.supplyAsync(() -> {
            LocalRspamd started = LocalRspamd.in(state.resolve("rspamd"), StockRspamdConfig.debian());
            started.start();
            return started;
        });
        LocalCassandra cassandra = LocalCassandra.start(LocalCassandraSettings.builder(state.resolve("cassandra"))
            .nativePort(FreeLoopbackPort.pick())
            .storagePort(FreeLoopbackPort.pick())
            .jmxPort(FreeLoopbackPort.pick())
            .build());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            rspamd.join().stop();
            clamd.join().stop();
            cassandra.stop();
        }));
        Files.writeString(Path.of(args[1]), String.join("\n",
            "MAILFORT_CASSANDRA_NODES=" + cassandra.host() + ":" + cassandra.nativePort(),
            "MAILFORT_CASSANDRA_LOCAL_DC=" + cassandra.localDatacenter(),
            "MAILFORT_CLAMD=" + clamd.join().host() + ":" + clamd.join().port(),
            "MAILFORT_RSPAMD_URL=" + rspamd.join().uri(),
            ""));
        Thread.sleep(Long.MAX_VALUE);
    }
}
