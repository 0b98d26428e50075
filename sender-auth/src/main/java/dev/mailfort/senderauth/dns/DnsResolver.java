/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dns;

/**
 * The DNS as sender authentication sees it. Implementations must be thread-safe, must bound every query in time,
 * and must report timeouts and server failures as {@link DnsStatus#TEMPORARY_FAILURE} rather than throw.
 */
public interface DnsResolver {

    /**
     * @param name a domain name, with or without the trailing dot, case-insensitive
     */
    DnsAnswer lookup(String name, RecordType type);

    default DnsAnswer txt(String name) {
        return lookup(name, RecordType.TXT);
    }
}
