/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.time.Instant;
import java.util.List;

/**
 * One held mail as shown by {@code GET /quarantine/{reason}/{key}}: the listed fields, where a release sends it, all
 * its headers in order, and a text preview. {@code headersProblem} says why the headers could not all be read.
 */
public record QuarantinedMailView(String key, String reason, Verdict verdict, String sender, List<String> recipients,
                                  String subject, Instant date, Long size, String releaseProcessor,
                                  List<HeaderField> headers, String headersProblem, TextPreview textPreview) {
}
