/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rspamd;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The configuration a {@link LocalRspamd} runs with. Whatever it is, rspamd writes only under the instance's
 * directory ({@code db/}, {@code run/}, {@code log/}) and reads local overrides from its {@code local/}.
 */
public interface RspamdConfig {
    /**
     * Writes what this configuration needs under {@code directory} for one scanner worker on 127.0.0.1:{@code port},
     * and returns the file to give to {@code rspamd -c}. Called again with another port if the first was taken.
     */
    Path write(Path directory, int port);

    /** How long rspamd may take to answer {@code /ping} after it is launched. */
    Duration startTimeout();
}
