/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

class InFlowDelayTest {
    @Test
    void defaultsAreOneSecondFromTwentyMails() throws Exception {
        InFlowDelay settings = InFlowDelay.from(new BaseHierarchicalConfiguration());

        assertThat(settings).isEqualTo(new InFlowDelay(Duration.ofSeconds(1), 12));
        assertThat(settings.enabled()).isTrue();
    }

    @Test
    void readsBothSettings() throws Exception {
        assertThat(InFlowDelay.from(conf("500ms", "100"))).isEqualTo(new InFlowDelay(Duration.ofMillis(500), 100));
    }

    @Test
    void zeroSwitchesFlowControlOff() throws Exception {
        assertThat(InFlowDelay.from(conf("0s", "40")).enabled()).isFalse();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> InFlowDelay.from(conf("soon", "40"))).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> InFlowDelay.from(conf("5m", "40"))).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("between 0 and 60s");
        assertThatThrownBy(() -> InFlowDelay.from(conf("1s", "0"))).isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("inFlowBacklog");
    }

    private static BaseHierarchicalConfiguration conf(String delay, String backlog) {
        BaseHierarchicalConfiguration conf = new BaseHierarchicalConfiguration();
        conf.addProperty("inFlowDelay", delay);
        conf.addProperty("inFlowBacklog", backlog);
        return conf;
    }
}
