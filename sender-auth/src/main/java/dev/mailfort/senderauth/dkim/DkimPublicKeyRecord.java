/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** The text of the TXT record that publishes a public key (RFC 6376 section 3.6.1, RFC 8463 section 4). */
public final class DkimPublicKeyRecord {
    /** One DNS character-string holds at most 255 octets. */
    private static final int CHARACTER_STRING_LIMIT = 255;
    private static final int ED25519_KEY_BYTES = 32;

    private DkimPublicKeyRecord() {
    }

    /** {@code v=DKIM1; k=rsa; p=...}: RSA as its SubjectPublicKeyInfo, Ed25519 as the bare 32-byte key. */
    public static String of(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (key.getAlgorithm().equalsIgnoreCase("RSA")) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(encoded);
        }
        if (key.getAlgorithm().equalsIgnoreCase("Ed25519") || key.getAlgorithm().equalsIgnoreCase("EdDSA")) {
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - ED25519_KEY_BYTES, encoded.length);
            return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw);
        }
        throw new IllegalArgumentException("not a DKIM key: " + key.getAlgorithm());
    }

    /**
     * The record as a zone file line, e.g. {@code sel._domainkey.example.com. IN TXT ("v=DKIM1; ..." "...")}: a
     * 2048-bit RSA record is longer than one character-string, so it is cut into several, which resolvers join.
     */
    public static String zoneFileLine(String recordName, PublicKey key) {
        List<String> strings = new ArrayList<>();
        String text = of(key);
        for (int start = 0; start < text.length(); start += CHARACTER_STRING_LIMIT) {
            strings.add('"' + text.substring(start, Math.min(text.length(), start + CHARACTER_STRING_LIMIT)) + '"');
        }
        return recordName + ". IN TXT ( " + String.join(" ", strings) + " )";
    }
}
