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

import dev.mailfort.scanning.clamav.ClamdSettings;

class ClamAVParametersTest {

    @Test
    void unsetParametersKeepTheDefaults() {
        ClamdSettings settings = ClamAVParameters.toSettings(name -> null);

        assertThat(settings.host()).isEqualTo(ClamdSettings.DEFAULT_HOST);
        assertThat(settings.port()).isEqualTo(ClamdSettings.DEFAULT_PORT);
        assertThat(settings.readTimeout()).isEqualTo(ClamdSettings.DEFAULT_READ_TIMEOUT);
        assertThat(settings.maxStreamSize()).isEqualTo(ClamdSettings.DEFAULT_MAX_STREAM_SIZE);
    }

    @Test
    void everyParameterIsRead() {
        Map<String, String> parameters = Map.of("host", "clamav.internal", "port", "3311", "connectTimeout", "500ms",
            "readTimeout", "2m", "maxSize", "10M", "maxConnections", "3");

        ClamdSettings settings = ClamAVParameters.toSettings(parameters::get);

        assertThat(settings.host()).isEqualTo("clamav.internal");
        assertThat(settings.port()).isEqualTo(3311);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.maxStreamSize()).isEqualTo(10 * 1024 * 1024);
        assertThat(settings.maxConnections()).isEqualTo(3);
    }

    @Test
    void nonNumericPortIsRejected() {
        assertThatThrownBy(() -> ClamAVParameters.toSettings(Map.of("port", "clamd")::get))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("port");
    }

    @Test
    void zeroTimeoutIsRejected() {
        assertThatThrownBy(() -> ClamAVParameters.toSettings(Map.of("readTimeout", "0s")::get))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
