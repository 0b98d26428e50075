/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.clamav.ClamAVVerdict.Status;
import dev.mailfort.scanning.clamav.ClamAVVerdict.UnavailableReason;

class ClamAVVerdictTest {

    @Test
    void statusAttributeValuesAreLowerCaseWithDashes() {
        assertThat(Status.values()).extracting(Status::attributeValue)
            .containsExactly("clean", "infected", "too-large", "unavailable");
    }

    @Test
    void statusIsFoundFromItsAttributeValue() {
        assertThat(Status.fromAttributeValue("too-large")).contains(Status.TOO_LARGE);
    }

    @Test
    void unknownAttributeValueHasNoStatus() {
        assertThat(Status.fromAttributeValue("CLEAN")).isEmpty();
    }

    @Test
    void infectedNeedsASignature() {
        assertThatThrownBy(() -> ClamAVVerdict.infected(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyCleanIsClean() {
        assertThat(ClamAVVerdict.tooLarge("big").isClean()).isFalse();
        assertThat(ClamAVVerdict.unavailable(UnavailableReason.TIMEOUT, "slow").isClean()).isFalse();
        assertThat(ClamAVVerdict.infected("X").isClean()).isFalse();
    }

    @Test
    void signatureOnlyWhenInfected() {
        assertThat(ClamAVVerdict.infected("X").signature()).contains("X");
        assertThat(ClamAVVerdict.clean().signature()).isEmpty();
    }

    @Test
    void toStringNamesTheReason() {
        assertThat(ClamAVVerdict.unavailable(UnavailableReason.TIMEOUT, "slow"))
            .hasToString("unavailable (TIMEOUT: slow)");
    }
}
