/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.util.Map;

/**
 * What the scanners said about a held mail: a one-line {@code summary} for a list (null when no scanner left a
 * verdict) and every {@code mailfort.*} attribute they recorded, as JSON values.
 */
public record Verdict(String summary, Map<String, Object> attributes) {
}
