/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.dns;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The records a {@link LocalDnsmasq} serves. Names under a local domain that have no record answer NXDOMAIN, and
 * existing names asked for another type answer no-data, as a real authoritative server would; names outside every
 * local domain answer REFUSED (there is no upstream server).
 */
public final class DnsmasqZone {
    /** The most a TXT character-string can hold; longer texts are split, as DKIM keys are in real zones. */
    private static final int MAX_STRING_BYTES = 255;
    /** dnsmasq reads no more of a configuration line (its MAXDNAME buffer); a 4096-bit DKIM key still fits. */
    private static final int MAX_LINE_LENGTH = 1024;

    private final List<String> lines = new ArrayList<>();

    private DnsmasqZone() {
    }

    /** A zone whose unknown names under {@code domain} answer NXDOMAIN. */
    public static DnsmasqZone local(String domain) {
        return new DnsmasqZone().alsoLocal(domain);
    }

    public DnsmasqZone alsoLocal(String domain) {
        lines.add("local=/" + checked(domain) + "/");
        return this;
    }

    /** A TXT record holding {@code text}, split into strings of at most 255 bytes. */
    public DnsmasqZone txt(String name, String text) {
        StringBuilder line = new StringBuilder("txt-record=").append(checked(name));
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        do {
            int end = Math.min(bytes.length, start + MAX_STRING_BYTES);
            String part = new String(bytes, start, end - start, StandardCharsets.US_ASCII);
            line.append(",\"").append(quoted(part)).append('"');
            start = end;
        } while (start < bytes.length);
        if (line.length() > MAX_LINE_LENGTH) {
            throw new IllegalArgumentException("TXT record of " + name + " too long for dnsmasq's configuration ("
                + line.length() + " > " + MAX_LINE_LENGTH + " characters): publish several records instead");
        }
        lines.add(line.toString());
        return this;
    }

    /** A or AAAA records (and the matching PTR) for {@code name}. */
    public DnsmasqZone address(String name, String... addresses) {
        lines.add("host-record=" + checked(name) + "," + String.join(",", addresses));
        return this;
    }

    public DnsmasqZone mx(String name, String host, int preference) {
        lines.add("mx-host=" + checked(name) + "," + checked(host) + "," + preference);
        return this;
    }

    public DnsmasqZone ptr(String reverseName, String target) {
        lines.add("ptr-record=" + checked(reverseName) + "," + checked(target));
        return this;
    }

    List<String> configLines() {
        return List.copyOf(lines);
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String checked(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a plain DNS name: " + name);
        }
        return name;
    }
}
