/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

/** A header line of a held mail, unfolded but otherwise as received (encoded words are not decoded). */
public record HeaderField(String name, String value) {
}
