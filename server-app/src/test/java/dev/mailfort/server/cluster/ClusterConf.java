/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import dev.mailfort.server.testing.TestWorkingDirectory;
import dev.mailfort.testing.rabbitmq.RabbitMQVhost;

/** Turns a test working directory into a cluster node's: a conf/rabbitmq.properties pointing at a test broker. */
final class ClusterConf {
    private ClusterConf() {
    }

    static void joinCluster(TestWorkingDirectory directory, RabbitMQVhost vhost) {
        directory.replaceConf("rabbitmq.properties", String.join("\n",
            "uri=" + vhost.amqpUri(),
            "vhost=" + vhost.name(),
            "management.uri=" + vhost.managementUri(),
            "management.user=" + vhost.broker().user(),
            "management.password=" + vhost.broker().password(),
            "quorum.queues.enable=true",
            ""));
    }
}
