/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Unencrypted PKCS#8 private keys in PEM ({@code -----BEGIN PRIVATE KEY-----}), the format {@code openssl genpkey}
 * writes for both RSA and Ed25519, so that keys made with OpenSSL work as well as ours.
 */
public final class PemPrivateKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemPrivateKeys() {
    }

    public static String encode(PrivateKey key) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded());
        return BEGIN + "\n" + base64 + "\n" + END + "\n";
    }

    /** @throws IllegalArgumentException when the text holds no PKCS#8 key of the given algorithm */
    public static PrivateKey decode(String pem, DkimKeyAlgorithm algorithm) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no \"" + BEGIN + "\" block (an unencrypted PKCS#8 key is needed; "
                + "convert with: openssl pkcs8 -topk8 -nocrypt -in old.pem -out new.pem)");
        }
        String base64 = pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return KeyFactory.getInstance(algorithm.jdkName()).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("not a " + algorithm.keyType() + " private key: " + e.getMessage(), e);
        }
    }
}
