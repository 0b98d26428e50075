/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

import java.util.List;
import java.util.Optional;

/**
 * A parsed "v=spf1" record.
 *
 * @param redirect the domain-spec of the redirect modifier, if any
 * @param explanation the domain-spec of the exp modifier, if any (syntax-checked, not evaluated)
 */
public record SpfRecord(List<SpfDirective> directives, Optional<String> redirect, Optional<String> explanation) {

    public SpfRecord {
        directives = List.copyOf(directives);
    }
}
