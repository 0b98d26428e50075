/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.SignatureException;
import java.util.Arrays;

import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;

/**
 * Verifies an ed25519-sha256 signature (RFC 8463) with jDKIM's canonicalization: the header fields through
 * {@link DKIMCommon}'s hashing, the body through its body hasher; only the signature algorithm is ours.
 */
final class Ed25519Verification extends DKIMCommon {

    private Ed25519Verification() {
    }

    /** @throws PermFailException when the body hash or the signature does not match */
    static void verify(Headers headers, SignatureRecord signature, PublicKey key, byte[] body)
            throws PermFailException {
        try {
            Ed25519Sha256Signature algorithm = new Ed25519Sha256Signature();
            algorithm.initVerify(key);
            signatureCheck(headers, signature, signature.getHeaders(), algorithm);
            if (!algorithm.verify(signature.getSignature())) {
                throw new PermFailException("Header signature does not verify");
            }
        } catch (InvalidKeyException | SignatureException e) {
            throw new PermFailException(e.getMessage(), e);
        }
        BodyHasherImpl bodyHasher = new BodyHasherImpl(signature);
        try {
            streamCopy(new ByteArrayInputStream(body), bodyHasher.getOutputStream());
        } catch (IOException e) {
            throw new PermFailException("cannot hash the body: " + e.getMessage(), e);
        }
        if (!Arrays.equals(bodyHasher.getDigest(), signature.getBodyHash())) {
            throw new PermFailException("Computed bodyhash is different from the expected one");
        }
    }
}
