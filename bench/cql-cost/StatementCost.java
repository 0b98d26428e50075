// Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
// with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/** Cassandra CPU and wall time per statement kind on one node: the cost model to weigh the per-message counts. */
public class StatementCost {
    static long cassandraPid;

    public static void main(String[] args) throws Exception {
        cassandraPid = Long.parseLong(args[0]);
        int port = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        try (CqlSession s = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
                .withLocalDatacenter("datacenter1").build()) {
            s.execute("CREATE KEYSPACE IF NOT EXISTS h7micro WITH replication = {'class':'SimpleStrategy','replication_factor':1}");
            s.execute("CREATE TABLE IF NOT EXISTS h7micro.kv (k int PRIMARY KEY, v bigint, blob text)");
            s.execute("CREATE TABLE IF NOT EXISTS h7micro.ctr (k int PRIMARY KEY, a counter, b counter)");
            s.execute("TRUNCATE h7micro.kv");
            PreparedStatement write = s.prepare("INSERT INTO h7micro.kv (k, v, blob) VALUES (?, ?, 'x')");
            PreparedStatement read = s.prepare("SELECT v FROM h7micro.kv WHERE k = ?");
            PreparedStatement counter = s.prepare("UPDATE h7micro.ctr SET a = a + 1, b = b + 1 WHERE k = ?");
            PreparedStatement lwtUpdate = s.prepare("UPDATE h7micro.kv SET v = ? WHERE k = ? IF v = ?");
            PreparedStatement lwtInsert = s.prepare("INSERT INTO h7micro.kv (k, v) VALUES (?, 0) IF NOT EXISTS");
            for (int round = 0; round < 3; round++) {
                System.out.println("round " + round);
                int base = round * 10 * n;
                measure(s, "plain write (QUORUM)", n, i -> write.bind(base + i, 0L).setConsistencyLevel(ConsistencyLevel.QUORUM));
                measure(s, "plain read (QUORUM)", n, i -> read.bind(base + i).setConsistencyLevel(ConsistencyLevel.QUORUM));
                measure(s, "SERIAL read", n, i -> read.bind(base + i).setConsistencyLevel(ConsistencyLevel.SERIAL));
                measure(s, "counter update (2 cols)", n, i -> counter.bind(i % 50).setConsistencyLevel(ConsistencyLevel.QUORUM));
                // v is 0 on every row written above: one successful compare-and-set per key, like a UID allocation
                measure(s, "LWT UPDATE IF v=? (applied)", n, i -> lwtUpdate.bind(1L, base + i, 0L)
                        .setConsistencyLevel(ConsistencyLevel.QUORUM).setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
                measure(s, "LWT INSERT IF NOT EXISTS", n, i -> lwtInsert.bind(base + 5 * n + i)
                        .setConsistencyLevel(ConsistencyLevel.QUORUM).setSerialConsistencyLevel(ConsistencyLevel.SERIAL));
            }
        }
    }

    static void measure(CqlSession s, String what, int n, IntFunction<BoundStatement> statement) throws Exception {
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<?>> all = new ArrayList<>();
        double cpu0 = cpu();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            CompletableFuture<?> f = s.executeAsync(statement.apply(i)).toCompletableFuture()
                    .whenComplete((r, e) -> inFlight.release());
            all.add(f);
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get();
        double wall = (System.nanoTime() - t0) / 1e6;
        double cpu = cpu() - cpu0;
        System.out.printf("%-30s n=%d  cassandra CPU %.3f ms/op  wall %.3f ms/op (8 in flight)  load %.1f%n",
                what, n, cpu * 1000 / n, wall / n, loadAverage());
    }

    static double cpu() throws Exception {
        String stat = Files.readString(Path.of("/proc/" + cassandraPid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    static double loadAverage() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }
}
