/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Which nodes a running node sees alive through gossip, asked over its local JMX port: what {@code nodetool status}
 * shows as UP. JMX keeps this module free of a CQL driver, which its consumers bring in versions of their own.
 */
final class GossipView {
    private static final String STORAGE_SERVICE = "org.apache.cassandra.db:type=StorageService";

    private GossipView() {
    }

    /** The addresses (without port) of the nodes the node on this JMX port holds alive, itself included. */
    static Set<String> liveNodes(int jmxPort) throws IOException {
        JMXServiceURL url = new JMXServiceURL(
            "service:jmx:rmi:///jndi/rmi://" + LocalPorts.JMX_ADDRESS + ":" + jmxPort + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            Object live = connector.getMBeanServerConnection()
                .getAttribute(new ObjectName(STORAGE_SERVICE), "LiveNodes");
            return ((List<?>) live).stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet());
        } catch (JMException e) {
            throw new IOException("Cannot read the live nodes over JMX port " + jmxPort + ": " + e, e);
        }
    }
}
