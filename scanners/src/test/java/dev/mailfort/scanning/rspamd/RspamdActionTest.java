/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class RspamdActionTest {
    @Test
    void readsWireNames() {
        assertThat(RspamdAction.fromWireName("add header")).contains(RspamdAction.ADD_HEADER);
        assertThat(RspamdAction.fromWireName("no action")).contains(RspamdAction.NO_ACTION);
    }

    @Test
    void readsConfigurationSpellings() {
        assertThat(RspamdAction.fromWireName(" Rewrite_Subject ")).contains(RspamdAction.REWRITE_SUBJECT);
        assertThat(RspamdAction.fromWireName("soft-reject")).contains(RspamdAction.SOFT_REJECT);
    }

    @Test
    void knowsNothingElse() {
        assertThat(RspamdAction.fromWireName("accept")).isEmpty();
        assertThat(RspamdAction.fromWireName(null)).isEmpty();
    }

    @Test
    void callsSpamOnlyTheActionsThatConclude() {
        assertThat(Arrays.stream(RspamdAction.values()).filter(RspamdAction::isSpam))
            .containsExactlyInAnyOrder(RspamdAction.ADD_HEADER, RspamdAction.REWRITE_SUBJECT, RspamdAction.REJECT,
                RspamdAction.DISCARD, RspamdAction.QUARANTINE);
    }
}
