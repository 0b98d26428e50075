/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.monitoring;

import java.util.Locale;

/** Prometheus allows {@code [a-zA-Z0-9_]} in names; verdicts like {@code add header} or {@code too-large} do not fit. */
public final class MetricNames {
    private MetricNames() {
    }

    public static String part(String raw) {
        String lower = raw.trim().toLowerCase(Locale.ROOT);
        StringBuilder name = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            name.append(allowed ? c : '_');
        }
        return name.length() == 0 ? "unknown" : name.toString();
    }
}
