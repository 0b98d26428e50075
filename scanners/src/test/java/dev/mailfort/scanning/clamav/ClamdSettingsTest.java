/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ClamdSettingsTest {

    @Test
    void defaultsToTheLocalClamdPort() {
        ClamdSettings settings = ClamdSettings.defaults();

        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(3310);
    }

    @Test
    void defaultMaxStreamSizeIsClamdsDefaultStreamMaxLength() {
        assertThat(ClamdSettings.defaults().maxStreamSize()).isEqualTo(25 * 1024 * 1024);
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> ClamdSettings.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAZeroTimeoutWhichSocketsReadAsForever() {
        assertThatThrownBy(() -> ClamdSettings.builder().readTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsZeroConnections() {
        assertThatThrownBy(() -> ClamdSettings.builder().maxConnections(0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsABlankHost() {
        assertThatThrownBy(() -> ClamdSettings.builder().host(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
