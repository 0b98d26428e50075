// Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
// with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0

import io.netty.buffer.Unpooled;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.ValueIn;
import org.apache.cassandra.config.DatabaseDescriptor;
import org.apache.cassandra.cql3.QueryOptions;
import org.apache.cassandra.transport.ProtocolVersion;

import java.io.File;

/** One line per logged statement (the full query log has no text dumper in cassandra-all): kind, time, consistency,
 * serial consistency, keyspace, CQL. A batch gives one line per statement, kind "batch-TYPE-index/size". */
public class FqlTsv {
    public static void main(String[] args) {
        DatabaseDescriptor.clientInitialization();
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(new File(args[0])).readOnly(true).build()) {
            ExcerptTailer tailer = queue.createTailer();
            StringBuilder out = new StringBuilder();
            boolean more = true;
            while (more) {
                more = tailer.readDocument(wire -> {
                    wire.read("version").int16();
                    String type = wire.read("type").text();
                    long start = wire.read("query-start-time").int64();
                    int protocol = wire.read("protocol-version").int32();
                    byte[] options = wire.read("query-options").bytes();
                    wire.read("generated-timestamp").int64();
                    wire.read("generated-now-in-seconds").int64();
                    String keyspace = wire.read("keyspace").text();
                    String cl = "?", serial = "?";
                    try {
                        QueryOptions decoded = QueryOptions.codec.decode(Unpooled.wrappedBuffer(options),
                                ProtocolVersion.decode(protocol, true));
                        cl = String.valueOf(decoded.getConsistency());
                        serial = String.valueOf(decoded.getSerialConsistency());
                    } catch (RuntimeException e) {
                        cl = "err:" + e.getClass().getSimpleName();
                    }
                    if ("single-query".equals(type)) {
                        String query = wire.read("query").text();
                        line(out, "single", start, cl, serial, keyspace, query);
                    } else {
                        String batchType = wire.read("batch-type").text();
                        ValueIn queries = wire.read("queries");
                        int size = queries.int32();
                        for (int i = 0; i < size; i++) {
                            line(out, "batch-" + batchType + "-" + i + "/" + size, start, cl, serial, keyspace, queries.text());
                        }
                    }
                });
                if (out.length() > 1 << 16) { System.out.print(out); out.setLength(0); }
            }
            System.out.print(out);
        }
    }

    private static void line(StringBuilder out, String kind, long start, String cl, String serial, String keyspace, String query) {
        out.append(kind).append('\t').append(start).append('\t').append(cl).append('\t').append(serial).append('\t')
           .append(keyspace).append('\t').append(query.replace('\n', ' ').replace('\t', ' ')).append('\n');
    }
}
