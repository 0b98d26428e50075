/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the content to scan, so that a message can be streamed straight from where it is stored (for instance
 * {@code MimeMessage::writeTo}) without a copy in memory.
 */
@FunctionalInterface
public interface ContentWriter {
    /** Writes the whole content; must not close {@code out}. */
    void writeTo(OutputStream out) throws IOException;
}
