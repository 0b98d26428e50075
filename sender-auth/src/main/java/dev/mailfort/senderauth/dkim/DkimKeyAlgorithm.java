/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Locale;
import java.util.Optional;

/**
 * The two signing algorithms we sign with: rsa-sha256 (RFC 6376, every verifier knows it) and ed25519-sha256
 * (RFC 8463, short keys, not yet verified everywhere; hence signing with both).
 */
public enum DkimKeyAlgorithm {
    RSA("rsa", "rsa-sha256", "RSA"),
    ED25519("ed25519", "ed25519-sha256", "Ed25519");

    /** RFC 8301 asks for at least 1024 bits and recommends 2048. */
    public static final int RSA_KEY_BITS = 2048;

    private final String keyType;
    private final String signatureAlgorithm;
    private final String jdkName;

    DkimKeyAlgorithm(String keyType, String signatureAlgorithm, String jdkName) {
        this.keyType = keyType;
        this.signatureAlgorithm = signatureAlgorithm;
        this.jdkName = jdkName;
    }

    /** The {@code k=} value of the key record, also the middle part of a key file name. */
    public String keyType() {
        return keyType;
    }

    /** The {@code a=} value of the signature. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The JDK's {@code KeyFactory} / {@code KeyPairGenerator} algorithm name. */
    public String jdkName() {
        return jdkName;
    }

    public static Optional<DkimKeyAlgorithm> ofKeyType(String keyType) {
        String wanted = keyType.trim().toLowerCase(Locale.ROOT);
        for (DkimKeyAlgorithm algorithm : values()) {
            if (algorithm.keyType.equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    public static DkimKeyAlgorithm of(PrivateKey key) {
        String name = key.getAlgorithm();
        if (name.equalsIgnoreCase("RSA")) {
            return RSA;
        }
        if (name.equalsIgnoreCase("Ed25519") || name.equalsIgnoreCase("EdDSA")) {
            return ED25519;
        }
        throw new IllegalArgumentException("not a DKIM signing key: " + name);
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jdkName);
            if (this == RSA) {
                generator.initialize(RSA_KEY_BITS);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make " + jdkName + " keys", e);
        }
    }

    Signature newSignature() throws GeneralSecurityException {
        return this == RSA ? Signature.getInstance("SHA256withRSA") : new Ed25519Sha256Signature();
    }
}
