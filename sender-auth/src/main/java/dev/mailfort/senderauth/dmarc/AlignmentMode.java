/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

/** How closely an authenticated domain must match the header From domain (adkim=, aspf=; RFC 7489 §3.1). */
public enum AlignmentMode {
    /** Same organizational domain. */
    RELAXED,
    /** Exactly the same domain. */
    STRICT
}
