/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.util.Objects;

/** A rule that matched, e.g. {@code MISSING_MID} scoring 2.5. */
public record RspamdSymbol(String name, double score) {
    public RspamdSymbol {
        Objects.requireNonNull(name, "name");
    }
}
