/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

import java.util.List;

/** The answer to a release: which mail went back into the pipeline, at which processor, for whom. */
public record ReleasedMail(String action, String key, String reason, String processor, List<String> recipients) {
    static ReleasedMail of(QuarantinedMail mail, String processor) {
        return new ReleasedMail("released", mail.key(), mail.reason(), processor, mail.recipients());
    }
}
