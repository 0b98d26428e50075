/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ParameterValuesTest {
    @Test
    void bareDurationIsSeconds() {
        assertThat(ParameterValues.duration("readTimeout", "30")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void durationUnitsAreCaseInsensitive() {
        assertThat(ParameterValues.duration("readTimeout", " 2S ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(ParameterValues.duration("readTimeout", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ParameterValues.duration("readTimeout", "2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void durationWithAnUnknownUnitIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> ParameterValues.duration("readTimeout", "2 weeks"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("readTimeout");
    }

    @Test
    void sizeUnitsAreBinaryMultiples() {
        assertThat(ParameterValues.size("maxSize", "512K")).isEqualTo(512 * 1024);
        assertThat(ParameterValues.size("maxSize", "25M")).isEqualTo(25 * 1024 * 1024);
        assertThat(ParameterValues.size("maxSize", "1G")).isEqualTo(1024L * 1024 * 1024);
        assertThat(ParameterValues.size("maxSize", "1GB")).isEqualTo(1024L * 1024 * 1024);
    }

    @Test
    void bareSizeIsBytes() {
        assertThat(ParameterValues.size("maxSize", "1000")).isEqualTo(1000);
    }

    @Test
    void negativeSizeIsRejected() {
        assertThatThrownBy(() -> ParameterValues.size("maxSize", "-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
