/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rabbitmq;

import java.util.HashSet;
import java.util.Set;

import dev.mailfort.local.FreeLoopbackPort;

/**
 * The four loopback ports of one {@link LocalRabbitMQ}.
 *
 * @param amqp         where clients connect with AMQP 0-9-1
 * @param management   the management plugin's HTTP API and web UI
 * @param distribution Erlang distribution, used by the CLI tools and clustering
 * @param epmd         the private Erlang port mapper daemon that the node registers with
 */
public record RabbitMQPorts(int amqp, int management, int distribution, int epmd) {

    /** Four distinct ports free right now. */
    public static RabbitMQPorts pickFree() {
        Set<Integer> picked = new HashSet<>();
        int[] ports = new int[4];
        for (int i = 0; i < ports.length; i++) {
            int port;
            do {
                port = FreeLoopbackPort.pick();
            } while (!picked.add(port));
            ports[i] = port;
        }
        return new RabbitMQPorts(ports[0], ports[1], ports[2], ports[3]);
    }
}
