/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.fluent.Configurations;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {
    private static final Path WORKING_DIRECTORY = Path.of("/opt/mailfort/run");

    @Test
    void withoutAFileTheConsoleListensOnLoopbackWithoutTls() throws ConfigurationException {
        ConsoleSettings settings = ConsoleSettings.from(new BaseHierarchicalConfiguration(), WORKING_DIRECTORY, Map.of());

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8090);
        assertThat(settings.tls()).isFalse();
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.admins()).isEmpty();
        assertThat(settings.tokenFile()).isEqualTo(Path.of("/opt/mailfort/run/var/console/admin-token"));
    }

    @Test
    void theShippedFileHasTheDefaults() throws ConfigurationException {
        File shipped = Path.of("..", "conf", "console.properties").toFile();
        PropertiesConfiguration configuration = new Configurations().properties(shipped);

        ConsoleSettings settings = ConsoleSettings.from(configuration, WORKING_DIRECTORY, Map.of());

        assertThat(settings).isEqualTo(ConsoleSettings.from(new BaseHierarchicalConfiguration(), WORKING_DIRECTORY,
            Map.of()));
    }

    @Test
    void adminsAreReadAsALowerCaseList() throws ConfigurationException {
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("admins", "Postmaster@Example.com, alice@example.com");

        assertThat(ConsoleSettings.from(configuration, WORKING_DIRECTORY, Map.of()).admins())
            .containsExactlyInAnyOrder("postmaster@example.com", "alice@example.com");
    }

    @Test
    void theEnvironmentNamesTheTokenFile() throws ConfigurationException {
        ConsoleSettings settings = ConsoleSettings.from(new BaseHierarchicalConfiguration(), WORKING_DIRECTORY,
            Map.of("MAILFORT_CONSOLE_TOKEN_FILE", "/run/secrets/console-token"));

        assertThat(settings.tokenFile()).isEqualTo(Path.of("/run/secrets/console-token"));
    }

    @Test
    void aZeroIdleTimeoutIsRefused() {
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("session.idle.timeout", "0s");

        assertThatThrownBy(() -> ConsoleSettings.from(configuration, WORKING_DIRECTORY, Map.of()))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("session.idle.timeout");
    }
}
