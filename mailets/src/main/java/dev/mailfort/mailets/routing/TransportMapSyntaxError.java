/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

/** A transport map line that cannot be read; the message names the file, the line number and the line. */
public class TransportMapSyntaxError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TransportMapSyntaxError(String source, int lineNumber, String line, String reason) {
        super(source + " line " + lineNumber + ": " + reason + ": \"" + line.strip() + "\"");
    }
}
