/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.junit.jupiter.api.Test;

import com.google.common.net.InetAddresses;

class AuthFailureSettingsTest {
    @Test
    void theShippedConfFileGivesTheDefaults() throws Exception {
        PropertiesConfiguration conf = load(Files.readString(Path.of("../conf/abuse.properties")));

        assertThat(AuthFailureSettings.from(conf)).isEqualTo(AuthFailureSettings.DEFAULTS);
    }

    @Test
    void anEmptyFileGivesTheDefaults() throws Exception {
        assertThat(AuthFailureSettings.from(load(""))).isEqualTo(AuthFailureSettings.DEFAULTS);
    }

    @Test
    void everyKeyIsRead() throws Exception {
        AuthFailureSettings settings = AuthFailureSettings.from(load(String.join("\n",
            "auth.failures.window=90",
            "auth.failures.delayAfter=3",
            "auth.failures.delay=500ms",
            "auth.failures.blockAfter=7",
            "auth.failures.blockFor=1h",
            "auth.failures.accountDelayAfter=4",
            "auth.failures.exempt=192.0.2.0/24, 2001:db8::/32",
            "auth.failures.maxTrackedAddresses=10")));

        assertThat(settings.window()).isEqualTo(Duration.ofSeconds(90));
        assertThat(settings.delayAfter()).isEqualTo(3);
        assertThat(settings.delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.blockAfter()).isEqualTo(7);
        assertThat(settings.blockFor()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.accountDelayAfter()).isEqualTo(4);
        assertThat(settings.exempt().contains(InetAddresses.forString("192.0.2.200"))).isTrue();
        assertThat(settings.exempt().contains(InetAddresses.forString("2001:db8:ffff::1"))).isTrue();
        assertThat(settings.exempt().contains(InetAddresses.forString("192.0.3.1"))).isFalse();
        assertThat(settings.maxTrackedAddresses()).isEqualTo(10);
    }

    @Test
    void aBadValueIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> AuthFailureSettings.from(load("auth.failures.blockFor=soon")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("auth.failures.blockFor");
        assertThatThrownBy(() -> AuthFailureSettings.from(load("auth.failures.exempt=10.0.0.0/33")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("10.0.0.0/33");
    }

    private static PropertiesConfiguration load(String text) throws Exception {
        PropertiesConfiguration conf = new PropertiesConfiguration();
        conf.read(new StringReader(text));
        return conf;
    }
}
