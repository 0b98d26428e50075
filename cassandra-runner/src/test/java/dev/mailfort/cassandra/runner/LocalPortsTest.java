/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class LocalPortsTest {
    private static final List<String> ADDRESSES = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    @Test
    void portsPickedForSeveralAddressesAreDistinctAndFreeOnEach() {
        int[] ports = LocalPorts.pickFreeOnAll(ADDRESSES, 5);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(5);
        for (int port : ports) {
            assertThat(ADDRESSES).allMatch(address -> LocalPorts.isFree(address, port));
        }
    }

    @Test
    void portsArePickedBelowTheKernelsEphemeralRange() {
        int[] ports = LocalPorts.pickFree(50);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(50);
        assertThat(Arrays.stream(ports).min().getAsInt()).isGreaterThanOrEqualTo(LocalPorts.PickingRange.LOW);
        assertThat(Arrays.stream(ports).max().getAsInt()).isLessThan(kernelEphemeralStart());
    }

    @Test
    void aKernelWhoseEphemeralRangeStartsLowStillLeavesAThousandPortsToPickFrom() {
        assertThat(LocalPorts.PickingRange.highBelow(32768)).isEqualTo(32767);
        assertThat(LocalPorts.PickingRange.highBelow(1024)).isEqualTo(LocalPorts.PickingRange.LOW + 999);
    }

    @Test
    void aPortTakenOnOneLoopbackAddressIsStillFreeOnAnother() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            assertThat(LocalPorts.isFree("127.0.0.2", taken.getLocalPort())).isFalse();
            assertThat(LocalPorts.isFree("127.0.0.3", taken.getLocalPort())).isTrue();
        }
    }

    /** Read here on its own, so that a mistake in {@link LocalPorts.PickingRange} cannot hide. */
    private static int kernelEphemeralStart() {
        try {
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).split("\\s+")[0]);
        } catch (IOException e) {
            return 32768;
        }
    }
}
