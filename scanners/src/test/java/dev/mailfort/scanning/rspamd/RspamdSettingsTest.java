/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RspamdSettingsTest {
    @Test
    void defaultsToTheLocalScannerWorker() {
        RspamdSettings settings = RspamdSettings.defaults();

        assertThat(settings.uri()).hasToString("http://127.0.0.1:11333");
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.maxMessageSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void refusesAnUriThatIsNotHttp() {
        assertThatThrownBy(() -> RspamdSettings.builder().uri("tcp://127.0.0.1:11333"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAZeroTimeout() {
        assertThatThrownBy(() -> RspamdSettings.builder().readTimeout(Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesANonPositiveSizeLimit() {
        assertThatThrownBy(() -> RspamdSettings.builder().maxMessageSize(0))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsThePasswordOutOfToString() {
        assertThat(RspamdSettings.builder().password("s3cret").build().toString()).doesNotContain("s3cret");
    }
}
