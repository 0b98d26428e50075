/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.rspamd.RspamdSettings;

class RspamdParametersTest {
    @Test
    void defaultsToTheEngineDefaults() {
        RspamdSettings settings = parameters(Map.of()).settings();

        assertThat(settings.uri()).hasToString("http://127.0.0.1:11333");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.maxMessageSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void readsEveryConnectionParameter() {
        RspamdSettings settings = parameters(Map.of(
            "url", " http://rspamd.internal:11333 ",
            "connectTimeout", "500ms",
            "readTimeout", "1m",
            "maxSize", "512K",
            "password", "q1 ")).settings();

        assertThat(settings.uri()).hasToString("http://rspamd.internal:11333");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.maxMessageSize()).isEqualTo(512L * 1024);
        assertThat(settings.password()).contains("q1 ");
    }

    @Test
    void namesTheParameterInItsComplaint() {
        assertThatThrownBy(() -> parameters(Map.of("maxSize", "big")).settings())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("maxSize");
    }

    @Test
    void readsBooleans() {
        assertThat(parameters(Map.of("b", "no")).bool("b", true)).isFalse();
        assertThat(parameters(Map.of()).bool("b", true)).isTrue();
        assertThatThrownBy(() -> parameters(Map.of("b", "maybe")).bool("b", true))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static RspamdParameters parameters(Map<String, String> values) {
        return new RspamdParameters(values::get);
    }
}
