/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a local run cannot bind the standard mail ports (below 1024 needs root or CAP_NET_BIND_SERVICE), each one is
 * moved to 2000 + its number: 25→2025, 465→2465, 587→2587, 143→2143, 993→2993, 110→2110, 995→2995.
 * Ports from 1024 up (WebAdmin 8000, ManageSieve 4190) stay as configured.
 */
final class LocalPortMapping {
    static final int OFFSET = 2000;
    private static final Pattern BIND = Pattern.compile("<bind>\\s*([^<]+):(\\d+)\\s*</bind>");

    private LocalPortMapping() {
    }

    static boolean canBindPrivilegedPorts() {
        try (ServerSocket privileged = new ServerSocket(1, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int map(int port) {
        return port < 1024 ? port + OFFSET : port;
    }

    /** Rewrites the {@code <bind>} ports of one XML configuration, recording each change in {@code moved}. */
    static String remap(String xml, Map<Integer, Integer> moved) {
        Matcher matcher = BIND.matcher(xml);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            int port = Integer.parseInt(matcher.group(2));
            int mapped = map(port);
            if (mapped != port) {
                moved.put(port, mapped);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement("<bind>" + matcher.group(1) + ":" + mapped + "</bind>"));
        }
        matcher.appendTail(result);
        return result.toString();
    }
}
