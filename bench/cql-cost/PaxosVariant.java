// Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
// with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Reads, and with an argument sets, the Paxos variant of a running node (StorageProxy MBean, no restart). */
public class PaxosVariant {
    public static void main(String[] args) throws Exception {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + args[0] + "/jmxrmi");
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName storage = new ObjectName("org.apache.cassandra.db:type=StorageProxy");
            if (args.length > 1) {
                server.setAttribute(storage, new javax.management.Attribute("PaxosVariant", args[1]));
            }
            System.out.println("paxos variant: " + server.getAttribute(storage, "PaxosVariant"));
        }
    }
}
