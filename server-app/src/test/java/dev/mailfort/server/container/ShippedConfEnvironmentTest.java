/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment variables find their targets in the production {@code conf/}: guards against the two drifting. */
class ShippedConfEnvironmentTest {
    private static final Path SHIPPED = Path.of(System.getProperty("mailfort.conf.dir", "../conf"));
    private static final Map<String, String> ENVIRONMENT = Map.of(
        "MAILFORT_CASSANDRA_NODES", "cassandra:9042",
        "MAILFORT_CASSANDRA_KEYSPACE", "mailfort_prod",
        "MAILFORT_CASSANDRA_REPLICATION_FACTOR", "3",
        "MAILFORT_CASSANDRA_LOCAL_DC", "dc1",
        "MAILFORT_HOSTNAME", "mail.example.com",
        "MAILFORT_CLAMD", "clamav:3310",
        "MAILFORT_RSPAMD_URL", "http://rspamd:11333");

    @TempDir
    Path root;

    @Test
    void everySettingReachesTheShippedConfiguration() throws IOException {
        ContainerLayout layout = new ContainerLayout(SHIPPED, root.resolve("run"), root.resolve("var"));

        layout.prepare(EnvironmentConf.from(ENVIRONMENT));

        assertThat(layout.conf().resolve("cassandra.properties")).content()
            .contains("\ncassandra.nodes=cassandra:9042\n", "\ncassandra.keyspace=mailfort_prod\n",
                "\ncassandra.replication.factor=3\n", "\ncassandra.local.dc=dc1\n");
        for (String server : new String[] {"smtpserver.xml", "imapserver.xml", "pop3server.xml"}) {
            assertThat(layout.conf().resolve(server)).content()
                .contains("<helloName autodetect=\"false\">mail.example.com</helloName>")
                .doesNotContain("<helloName autodetect=\"true\"");
        }
        String pipeline = Files.readString(layout.conf().resolve("mailetcontainer.xml"));
        assertThat(pipeline).contains("<host>clamav</host>", "<url>http://rspamd:11333</url>");
        assertThat(activeText(pipeline)).doesNotContain("127.0.0.1:11333");
        assertThat(activeText(Files.readString(layout.conf().resolve("smtpserver.xml"))))
            .contains("<url>http://rspamd:11333</url>")
            .doesNotContain("127.0.0.1:11333");
    }

    private static String activeText(String xml) {
        return Pattern.compile("<!--.*?-->", Pattern.DOTALL).matcher(xml).replaceAll("");
    }
}
