/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailfort.server.testing.TestWorkingDirectory;

/**
 * Test changes to the routing configuration: a transport map of the test's own (pointing routes at loopback
 * {@link SmtpSink}s) and a retry schedule short enough to watch (production's first retry is after 5 minutes).
 */
public final class RoutingConf {
    private static final Pattern DELAY_TIME = Pattern.compile("<delayTime>[^<]*</delayTime>");
    private static final Pattern MAX_RETRIES = Pattern.compile("<maxRetries>[^<]*</maxRetries>");

    private RoutingConf() {
    }

    public static void transportMap(TestWorkingDirectory directory, String... lines) {
        directory.replaceConf("transport.map", String.join("\n", lines) + "\n");
    }

    /** A smarthost credentials file in conf/, readable by its owner only, as README "Routing" asks. */
    public static void credentials(TestWorkingDirectory directory, String fileName, String user, String password) {
        directory.replaceConf(fileName, "username=" + user + "\npassword=" + password + "\n");
        try {
            Files.setPosixFilePermissions(directory.conf().resolve(fileName), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every remote delivery of the relay processor (RemoteDelivery and RelayThroughSmarthost) retries on this schedule. */
    public static void retries(TestWorkingDirectory directory, String delayTime, int maxRetries) {
        String mailets = directory.readConf("mailetcontainer.xml");
        Matcher delays = DELAY_TIME.matcher(mailets);
        int found = 0;
        while (delays.find()) {
            found++;
        }
        if (found < 2) {
            throw new IllegalStateException("conf/mailetcontainer.xml has " + found + " <delayTime>, expected RemoteDelivery's "
                + "and RelayThroughSmarthost's: update RoutingConf");
        }
        mailets = DELAY_TIME.matcher(mailets).replaceAll("<delayTime>" + delayTime + "</delayTime>");
        mailets = MAX_RETRIES.matcher(mailets).replaceAll("<maxRetries>" + maxRetries + "</maxRetries>");
        directory.replaceConf("mailetcontainer.xml", mailets);
    }
}
