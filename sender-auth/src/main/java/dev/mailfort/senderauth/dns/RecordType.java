/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

/** The DNS record types sender authentication needs: TXT for policies and keys, the rest for SPF mechanisms. */
public enum RecordType {
    TXT,
    A,
    AAAA,
    MX,
    PTR
}
