/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.time.Duration;

/**
 * Processing limits of an SPF evaluation (RFC 7208 §4.6.4, §11.1). The defaults are the RFC's numbers; lowering
 * them is safe, raising them makes us a tool for DNS amplification.
 *
 * @param maxDnsMechanisms terms that cause DNS queries (include, a, mx, ptr, exists, redirect) over the whole
 *                         evaluation, nested records included; exceeding it is a permerror. RFC: 10
 * @param maxVoidLookups   such queries that return NXDOMAIN or no answer; exceeding it is a permerror. RFC: 2
 * @param maxMxRecords     MX records one "mx" mechanism may look at; more is a permerror. RFC: 10
 * @param maxPtrNames      names of a PTR answer that the "ptr" mechanism validates; the rest are ignored. RFC: 10
 * @param maxDuration      the whole evaluation; past it the result is temperror. RFC: at least 20 seconds
 */
public record SpfLimits(int maxDnsMechanisms, int maxVoidLookups, int maxMxRecords, int maxPtrNames,
                        Duration maxDuration) {

    public static final SpfLimits RFC_7208 = new SpfLimits(10, 2, 10, 10, Duration.ofSeconds(20));

    public SpfLimits {
        if (maxDnsMechanisms < 0 || maxVoidLookups < 0 || maxMxRecords < 0 || maxPtrNames < 0) {
            throw new IllegalArgumentException("SPF limits must not be negative");
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
        }
    }
}
