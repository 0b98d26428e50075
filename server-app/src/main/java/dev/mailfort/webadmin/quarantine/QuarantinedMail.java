/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.time.Instant;
import java.util.List;

/**
 * One held mail as listed by {@code GET /quarantine}. {@code sender} is {@code "<>"} for a null reverse-path;
 * {@code date} is when the mail was put in quarantine; fields that could not be read from a malformed mail are null.
 */
public record QuarantinedMail(String key, String reason, Verdict verdict, String sender, List<String> recipients,
                              String subject, Instant date, Long size) {
}
