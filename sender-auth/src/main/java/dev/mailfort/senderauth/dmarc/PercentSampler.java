/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

import java.util.concurrent.ThreadLocalRandom;

/** Decides whether a failing message falls within a policy's pct= share (RFC 7489 §6.6.4). Injectable for tests. */
@FunctionalInterface
public interface PercentSampler {

    /** A fair random draw. */
    PercentSampler RANDOM = percent -> ThreadLocalRandom.current().nextInt(100) < percent;

    /** @param percent 0 to 99 (100 never reaches the sampler) */
    boolean isSelected(int percent);
}
