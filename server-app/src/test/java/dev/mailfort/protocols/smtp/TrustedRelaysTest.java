/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.google.common.net.InetAddresses;

class TrustedRelaysTest {
    private final TrustedRelays relays = TrustedRelays.parse("192.0.2.10, 198.51.100.0/22 2001:db8::/32");

    @Test
    void containsASingleAddress() {
        assertThat(relays.contains(InetAddresses.forString("192.0.2.10"))).isTrue();
        assertThat(relays.contains(InetAddresses.forString("192.0.2.11"))).isFalse();
    }

    @Test
    void containsTheAddressesOfABlock() {
        assertThat(relays.contains(InetAddresses.forString("198.51.103.255"))).isTrue();
        assertThat(relays.contains(InetAddresses.forString("198.51.104.0"))).isFalse();
    }

    @Test
    void containsIpv6Blocks() {
        assertThat(relays.contains(InetAddresses.forString("2001:db8:1::25"))).isTrue();
        assertThat(relays.contains(InetAddresses.forString("2001:db9::25"))).isFalse();
    }

    @Test
    void neverMatchesAcrossAddressFamilies() {
        assertThat(TrustedRelays.parse("0.0.0.0/0").contains(InetAddresses.forString("::1"))).isFalse();
    }

    @Test
    void isEmptyByDefault() {
        assertThat(TrustedRelays.parse("").isEmpty()).isTrue();
        assertThat(TrustedRelays.parse(null).contains(InetAddresses.forString("127.0.0.1"))).isFalse();
    }

    @Test
    void refusesWhatIsNotAnAddress() {
        assertThatThrownBy(() -> TrustedRelays.parse("mx.example.com"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("mx.example.com");
    }
}
