/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.james.backends.rabbitmq.RabbitMQConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.server.cassandra.CassandraSettings;

class EnvironmentConfTest {
    private static final String CASSANDRA = """
        # Contact points
        cassandra.nodes=127.0.0.1:9042
        cassandra.local.dc=datacenter1
        cassandra.keyspace=mailfort
        cassandra.replication.strategy=SimpleStrategy
        cassandra.replication.factor=1
        #cassandra.user=mailfort
        #cassandra.password=
        """;

    private static final String SMTP = """
        <smtpservers>
            <smtpserver enabled="true">
                <bind>0.0.0.0:25</bind>
                <!-- <helloName>example in a comment</helloName> -->
                <helloName autodetect="true"/>
                <handlerchain>
                    <handler class="dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting">
                        <url>http://127.0.0.1:11333</url>
                    </handler>
                </handlerchain>
            </smtpserver>
            <smtpserver enabled="true">
                <bind>0.0.0.0:587</bind>
                <helloName autodetect="false">old.example</helloName>
                <handlerchain>
                    <handler class="dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting"/>
                </handlerchain>
            </smtpserver>
        </smtpservers>
        """;

    private static final String PIPELINE = """
        <processors>
            <mailet match="All" class="dev.mailfort.mailets.ScanWithClamAV">
                <host>127.0.0.1</host>
                <port>3310</port>
            </mailet>
            <mailet match="All" class="dev.mailfort.mailets.ScanWithClamAV"/>
            <mailet match="All" class="dev.mailfort.mailets.ScanWithRspamd">
                <url>http://127.0.0.1:11333/</url>
            </mailet>
        </processors>
        """;

    @Test
    void withoutVariablesEveryFileStaysAsItIs() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of("PATH", "/usr/bin", "MAILFORT_HOSTNAME", "  "));

        assertThat(conf.apply("cassandra.properties", CASSANDRA)).isEqualTo(CASSANDRA);
        assertThat(conf.apply("smtpserver.xml", SMTP)).isEqualTo(SMTP);
        assertThat(conf.apply("mailetcontainer.xml", PIPELINE)).isEqualTo(PIPELINE);
        assertThat(conf.filesToCreate()).isEmpty();
        assertThat(conf.describe()).isEmpty();
    }

    @Test
    void cassandraVariablesReplaceTheActiveLinesAndKeepTheComments() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of(
            "MAILFORT_CASSANDRA_NODES", "cassandra-1:9042, cassandra-2",
            "MAILFORT_CASSANDRA_KEYSPACE", "mail_prod",
            "MAILFORT_CASSANDRA_REPLICATION_STRATEGY", "NetworkTopologyStrategy",
            "MAILFORT_CASSANDRA_REPLICATION_FACTOR", "3",
            "MAILFORT_CASSANDRA_LOCAL_DC", "eu-west"));

        assertThat(conf.apply("cassandra.properties", CASSANDRA)).isEqualTo("""
            # Contact points
            cassandra.nodes=cassandra-1:9042,cassandra-2
            cassandra.local.dc=eu-west
            cassandra.keyspace=mail_prod
            cassandra.replication.strategy=NetworkTopologyStrategy
            cassandra.replication.factor=3
            #cassandra.user=mailfort
            #cassandra.password=
            """);
    }

    @Test
    void aKeyOnlyCommentedOutIsAddedAtTheEnd() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_USER", "mailfort"));

        assertThat(conf.apply("cassandra.properties", CASSANDRA))
            .startsWith(CASSANDRA)
            .endsWith("# from MAILFORT_CASSANDRA_USER\ncassandra.user=mailfort\n");
    }

    @Test
    void thePasswordIsNotWrittenToDiskButReachesTheServerThroughASystemProperty(@TempDir Path directory) throws Exception {
        EnvironmentConf conf = EnvironmentConf.from(Map.of(
            "MAILFORT_CASSANDRA_USER", "mailfort",
            "MAILFORT_CASSANDRA_PASSWORD", " s3cret\\with$dollar "));

        String written = conf.apply("cassandra.properties", CASSANDRA);
        assertThat(written).doesNotContain("s3cret").contains("cassandra.password=${sys:mailfort.cassandra.password}");
        assertThat(conf.systemProperties()).containsExactly(Map.entry("mailfort.cassandra.password", " s3cret\\with$dollar "));
        assertThat(conf.describe()).noneMatch(line -> line.contains("s3cret"));

        Path file = directory.resolve("cassandra.properties");
        Files.writeString(file, written);
        conf.systemProperties().forEach(System::setProperty);
        try {
            PropertiesConfiguration read = new Configurations().properties(file.toFile());
            assertThat(CassandraSettings.from(read).password()).contains(" s3cret\\with$dollar ");
            assertThat(CassandraSettings.from(read).username()).contains("mailfort");
        } finally {
            System.clearProperty("mailfort.cassandra.password");
        }
    }

    @Test
    void thePasswordFileIsReadWithoutItsFinalNewline(@TempDir Path directory) throws IOException {
        Path secret = directory.resolve("cassandra_password");
        Files.writeString(secret, "from-a-secret\n", StandardCharsets.UTF_8);

        EnvironmentConf conf = EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_PASSWORD_FILE", secret.toString()));

        assertThat(conf.systemProperties()).containsEntry("mailfort.cassandra.password", "from-a-secret");
        assertThat(conf.describe()).containsExactly("cassandra.password from MAILFORT_CASSANDRA_PASSWORD_FILE");
    }

    @Test
    void aPasswordAndAPasswordFileTogetherAreRefused() {
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of(
                "MAILFORT_CASSANDRA_PASSWORD", "one", "MAILFORT_CASSANDRA_PASSWORD_FILE", "/run/secrets/two")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("MAILFORT_CASSANDRA_PASSWORD and MAILFORT_CASSANDRA_PASSWORD_FILE");
    }

    @Test
    void aMissingPasswordFileFailsTheStart() {
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_PASSWORD_FILE", "/nonexistent/secret")))
            .isInstanceOf(IOException.class);
    }

    @Test
    void invalidValuesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_REPLICATION_FACTOR", "0")))
            .hasMessageStartingWith("MAILFORT_CASSANDRA_REPLICATION_FACTOR must be a whole number from 1");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_KEYSPACE", "mail-fort")))
            .hasMessageStartingWith("MAILFORT_CASSANDRA_KEYSPACE must be");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_NODES", "a:9042\ncassandra.user=x")))
            .hasMessageStartingWith("MAILFORT_CASSANDRA_NODES must be");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_REPLICATION_STRATEGY", "Simple")))
            .hasMessageStartingWith("MAILFORT_CASSANDRA_REPLICATION_STRATEGY must be SimpleStrategy or NetworkTopologyStrategy");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_HOSTNAME", "mail.example.com</helloName>")))
            .hasMessageStartingWith("MAILFORT_HOSTNAME must be a DNS host name");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_CLAMD", "clamav")))
            .hasMessageStartingWith("MAILFORT_CLAMD must be host:port");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_CLAMD", "clamav:70000")))
            .hasMessageStartingWith("MAILFORT_CLAMD has no valid port");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_RSPAMD_URL", "rspamd:11333")))
            .hasMessageStartingWith("MAILFORT_RSPAMD_URL must be an http:// or https:// URL");
    }

    @Test
    void theHostnameBecomesTheHelloNameOfEveryServerButNotOfAComment() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of("MAILFORT_HOSTNAME", "mail.example.com"));

        String written = conf.apply("smtpserver.xml", SMTP);

        assertThat(written)
            .contains("<!-- <helloName>example in a comment</helloName> -->")
            .doesNotContain("autodetect=\"true\"", "old.example");
        assertThat(written.split("<helloName autodetect=\"false\">mail.example.com</helloName>", -1)).hasSize(3);
    }

    @Test
    void theClamdAddressReplacesTheOneOfEveryMailetUsingIt() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of("MAILFORT_CLAMD", "clamav:3310"));

        assertThat(conf.apply("mailetcontainer.xml", PIPELINE))
            .contains("""
                <mailet match="All" class="dev.mailfort.mailets.ScanWithClamAV">
                        <host>clamav</host>
                        <port>3310</port>
                    </mailet>""")
            .contains("<mailet match=\"All\" class=\"dev.mailfort.mailets.ScanWithClamAV\"><host>clamav</host>"
                + "<port>3310</port></mailet>");
    }

    @Test
    void theRspamdUrlReplacesTheMailetsAndTheSmtpHooksOnes() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of("MAILFORT_RSPAMD_URL", "http://rspamd:11333"));

        assertThat(conf.apply("mailetcontainer.xml", PIPELINE)).contains("<url>http://rspamd:11333</url>")
            .doesNotContain("127.0.0.1:11333");
        assertThat(conf.apply("smtpserver.xml", SMTP))
            .contains("<url>http://rspamd:11333</url>")
            .contains("<handler class=\"dev.mailfort.protocols.smtp.CheckSpamBeforeAccepting\"><url>http://rspamd:11333</url></handler>")
            .doesNotContain("127.0.0.1:11333");
    }

    @Test
    void cassandraPropertiesAreCreatedWhenTheConfigurationHasNone() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_NODES", "cassandra"));

        assertThat(conf.filesToCreate()).containsExactly("cassandra.properties");
        assertThat(conf.apply("cassandra.properties", ""))
            .isEqualTo("# from MAILFORT_CASSANDRA_NODES\ncassandra.nodes=cassandra\n");
    }

    @Test
    void aBrokerAddressMakesTheNodeJoinAClusterThroughACreatedRabbitMQFile(@TempDir Path directory) throws Exception {
        EnvironmentConf conf = EnvironmentConf.from(Map.of(
            "MAILFORT_RABBITMQ_URI", "amqp://rabbitmq:5672/mail",
            "MAILFORT_RABBITMQ_USER", "mailfort",
            "MAILFORT_RABBITMQ_PASSWORD", "broker s3cret"));

        assertThat(conf.filesToCreate()).containsExactly("rabbitmq.properties");
        String written = conf.apply("rabbitmq.properties", "");
        assertThat(written).doesNotContain("s3cret");
        assertThat(conf.describe()).noneMatch(line -> line.contains("s3cret"))
            .contains("rabbitmq uri = amqp://rabbitmq:5672/mail (MAILFORT_RABBITMQ_URI)");

        Path file = directory.resolve("rabbitmq.properties");
        Files.writeString(file, written);
        conf.systemProperties().forEach(System::setProperty);
        try {
            PropertiesConfiguration read = new Configurations().properties(file.toFile());
            RabbitMQConfiguration rabbitMQ = RabbitMQConfiguration.from(read);
            assertThat(rabbitMQ.getUri()).hasToString("amqp://rabbitmq:5672/mail");
            assertThat(rabbitMQ.getManagementUri()).hasToString("http://rabbitmq:15672");
            assertThat(rabbitMQ.getManagementCredentials().getUser()).isEqualTo("mailfort");
            assertThat(rabbitMQ.getManagementCredentials().getPassword()).isEqualTo("broker s3cret".toCharArray());
            assertThat(rabbitMQ.getVhost()).contains("mail");
            assertThat(read.getBoolean("quorum.queues.enable")).isTrue();
        } finally {
            System.clearProperty("mailfort.rabbitmq.password");
        }
    }

    @Test
    void rabbitMQVariablesChangeAMountedFileAndKeepItsOtherKeys(@TempDir Path directory) throws IOException {
        Path secret = directory.resolve("rabbitmq_password");
        Files.writeString(secret, "from-a-secret\n", StandardCharsets.UTF_8);
        EnvironmentConf conf = EnvironmentConf.from(Map.of(
            "MAILFORT_RABBITMQ_MANAGEMENT_URI", "https://broker.internal:15671",
            "MAILFORT_RABBITMQ_USER", "mail-node",
            "MAILFORT_RABBITMQ_PASSWORD_FILE", secret.toString()));
        String mounted = """
            uri=amqps://broker.internal:5671/mail
            management.uri=http://old:15672
            management.user=mailfort
            management.password=plain
            quorum.queues.enable=false
            """;

        assertThat(conf.filesToCreate()).isEmpty();
        assertThat(conf.apply("rabbitmq.properties", mounted)).isEqualTo("""
            uri=amqps://broker.internal:5671/mail
            management.uri=https://broker.internal:15671
            management.user=mail-node
            management.password=${sys:mailfort.rabbitmq.password}
            quorum.queues.enable=false
            """);
        assertThat(conf.systemProperties()).containsEntry("mailfort.rabbitmq.password", "from-a-secret");
        assertThat(conf.describe()).contains("rabbitmq management.password from MAILFORT_RABBITMQ_PASSWORD_FILE");
    }

    @Test
    void withoutRabbitMQVariablesTheNodeStaysSingle() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of("MAILFORT_CASSANDRA_NODES", "cassandra"));

        assertThat(conf.filesToCreate()).doesNotContain("rabbitmq.properties");
        assertThat(conf.apply("rabbitmq.properties", "uri=amqp://a\n")).isEqualTo("uri=amqp://a\n");
    }

    @Test
    void aCreatedRabbitMQFileNeedsTheCredentials() throws IOException {
        EnvironmentConf conf = EnvironmentConf.from(Map.of("MAILFORT_RABBITMQ_URI", "amqp://rabbitmq"));

        assertThatThrownBy(() -> conf.apply("rabbitmq.properties", ""))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("MAILFORT_RABBITMQ_USER and MAILFORT_RABBITMQ_PASSWORD");
    }

    @Test
    void badRabbitMQAddressesAreRefusedWithoutRepeatingCredentials() {
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_RABBITMQ_URI", "http://rabbitmq:5672")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("MAILFORT_RABBITMQ_URI must be a URI such as amqp://host:5672");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_RABBITMQ_URI", "amqp://guest:hunter2@rabbitmq")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of("MAILFORT_RABBITMQ_MANAGEMENT_URI", "rabbitmq:15672")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("MAILFORT_RABBITMQ_MANAGEMENT_URI");
        assertThatThrownBy(() -> EnvironmentConf.from(Map.of(
                "MAILFORT_RABBITMQ_PASSWORD", "one", "MAILFORT_RABBITMQ_PASSWORD_FILE", "/run/secrets/two")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("MAILFORT_RABBITMQ_PASSWORD and MAILFORT_RABBITMQ_PASSWORD_FILE");
    }
}
