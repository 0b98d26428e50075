/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.header;

/** One header field of a raw message: its name as written and its unfolded value (line breaks removed). */
public record HeaderField(String name, String value) {

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }
}
