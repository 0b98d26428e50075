/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.io.File;
import java.io.FileNotFoundException;

import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.filesystem.FileSystemImpl;

/**
 * Whether this server is one node of a cluster: it is when {@code conf/rabbitmq.properties} exists.
 *
 * <p>A file rather than a switch because a clustered node cannot run without the broker's address anyway, and a
 * single server must not need a RabbitMQ: its mail queue (embedded ActiveMQ) and event bus (in the JVM) stay the
 * default.
 */
public final class ClusterMode {
    public static final String RABBITMQ_CONFIGURATION = "rabbitmq";

    private ClusterMode() {
    }

    public static boolean isClustered(Configuration configuration) {
        try {
            File file = new FileSystemImpl(configuration.directories())
                .getFile(configuration.configurationPath().asString() + RABBITMQ_CONFIGURATION + ".properties");
            return file.isFile();
        } catch (FileNotFoundException e) {
            return false;
        }
    }
}
