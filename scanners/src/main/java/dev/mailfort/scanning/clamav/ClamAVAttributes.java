/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

/**
 * Names of the mail attributes the ClamAV mailet writes and the matchers read. Kept here, with the engine, so that
 * the matchers need not depend on the mailets.
 */
public final class ClamAVAttributes {
    /** A string: one of {@link ClamAVVerdict.Status#attributeValue()}, {@code clean}, {@code infected}... */
    public static final String STATUS = "mailfort.clamav.status";
    /** A string: the signature clamd found; only present when the status is {@code infected}. */
    public static final String SIGNATURE = "mailfort.clamav.signature";
    /** An integer: how many scans of this mail found clamd unavailable; absent until the first such scan. */
    public static final String FAILED_ATTEMPTS = "mailfort.clamav.failed-attempts";

    private ClamAVAttributes() {
    }
}
