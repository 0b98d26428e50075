/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;

/**
 * A DKIM key record that also reads Ed25519 keys. RFC 8463 publishes them as the bare 32-byte key, which jDKIM
 * (RSA only, expecting a SubjectPublicKeyInfo) cannot decode; RSA keys are left to jDKIM.
 */
final class DkimKeyRecord extends PublicKeyRecordImpl {
    /** The DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the bare key follows it. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final int ED25519_KEY_BYTES = 32;

    DkimKeyRecord(String record) {
        super(record);
    }

    boolean isEd25519() {
        return "ed25519".equalsIgnoreCase(getValue("k").toString().trim());
    }

    @Override
    public PublicKey getPublicKey() {
        if (!isEd25519()) {
            return super.getPublicKey();
        }
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(getValue("p").toString().replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Ed25519 key is not base64: " + e.getMessage());
        }
        if (raw.length != ED25519_KEY_BYTES) {
            throw new IllegalStateException("Ed25519 key of " + raw.length + " bytes instead of 32");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unusable Ed25519 key: " + e.getMessage());
        }
    }
}
