/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import dev.mailfort.scanning.clamav.ClamAVAttributes;

/**
 * Matches every recipient of a mail that {@code ScanWithClamAV} has found clamd unavailable for at least N times
 * (attribute {@code mailfort.clamav.failed-attempts}); the condition is N, a positive whole number. It lets the
 * retry processor wait longer after each failure, and give up after many, using James's {@code Requeue} and
 * {@code ToProcessor} mailets, as in {@code ScanWithClamAV}'s example.
 *
 * <pre>{@code
 * <mailet match="dev.mailfort.matchers.ClamAVAttemptsAtLeast=3" class="Requeue">
 *     <processor>virus-scan</processor>
 *     <delay>15m</delay>
 * </mailet>
 * }</pre>
 */
public class ClamAVAttemptsAtLeast extends ScanAttemptsAtLeast {
    public ClamAVAttemptsAtLeast() {
        super(ClamAVAttributes.FAILED_ATTEMPTS);
    }

    @Override
    public String getMatcherInfo() {
        return "Matches mail ClamAV failed to scan at least a given number of times";
    }
}
