/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * The ed25519-sha256 algorithm of RFC 8463 as a {@link Signature}: PureEdDSA over the SHA-256 digest of the data
 * (not over the data itself), which the JDK has no name for. Lets jDKIM's header canonicalization feed it like any
 * other signature. Not thread-safe, like every {@link Signature}.
 */
final class Ed25519Sha256Signature extends Signature {
    private final MessageDigest digest;
    private PublicKey publicKey;
    private PrivateKey privateKey;

    Ed25519Sha256Signature() {
        super("ed25519-sha256");
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    @Override
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
        if (!"Ed25519".equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new InvalidKeyException("not an Ed25519 key: " + key.getAlgorithm());
        }
        publicKey = key;
        privateKey = null;
        digest.reset();
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        if (!"Ed25519".equalsIgnoreCase(key.getAlgorithm()) && !"EdDSA".equalsIgnoreCase(key.getAlgorithm())) {
            throw new InvalidKeyException("not an Ed25519 key: " + key.getAlgorithm());
        }
        privateKey = key;
        publicKey = null;
        digest.reset();
    }

    @Override
    protected void engineUpdate(byte b) {
        digest.update(b);
    }

    @Override
    protected void engineUpdate(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(privateKey);
            ed25519.update(digest.digest());
            return ed25519.sign();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new SignatureException(e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey);
            ed25519.update(digest.digest());
            return ed25519.verify(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new SignatureException(e);
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new UnsupportedOperationException("no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new UnsupportedOperationException("no parameters");
    }
}
