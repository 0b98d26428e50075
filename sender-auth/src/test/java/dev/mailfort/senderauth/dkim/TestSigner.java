/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;

import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.impl.BodyHasherImpl;
import org.apache.james.jdkim.impl.Message;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;

/**
 * Signs test messages with keys made at test time (no private key lives in the repository): RSA with jDKIM's
 * signer, Ed25519 with jDKIM's canonicalization and our ed25519-sha256 algorithm.
 */
public final class TestSigner extends DKIMCommon {
    private final KeyPair keys;
    private final boolean ed25519;

    private TestSigner(KeyPair keys, boolean ed25519) {
        this.keys = keys;
        this.ed25519 = ed25519;
    }

    public static TestSigner rsa(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return new TestSigner(generator.generateKeyPair(), false);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestSigner ed25519() {
        try {
            return new TestSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), true);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TXT record to publish at {@code <selector>._domainkey.<domain>}. */
    public String keyRecord() {
        byte[] encoded = keys.getPublic().getEncoded();
        if (ed25519) {
            // RFC 8463 publishes the bare key: the last 32 bytes of the SubjectPublicKeyInfo.
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
            return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(raw);
        }
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(encoded);
    }

    /** The message with a DKIM-Signature field prepended. */
    public String sign(String message, String domain, String selector, String algorithm) throws Exception {
        String template = "v=1; a=" + algorithm + "; c=relaxed/relaxed; d=" + domain + "; s=" + selector
            + "; h=from:to:subject:date; bh=; b=;";
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        String field = ed25519
            ? signEd25519(template, bytes)
            : new DKIMSigner(template, keys.getPrivate()).sign(new ByteArrayInputStream(bytes));
        return field + "\r\n" + message;
    }

    private String signEd25519(String template, byte[] message) throws Exception {
        Message parsed = new Message(new ByteArrayInputStream(message));
        try {
            SignatureRecordImpl record = new SignatureRecordImpl(template);
            BodyHasherImpl bodyHasher = new BodyHasherImpl(record);
            streamCopy(parsed.getBodyInputStream(), bodyHasher.getOutputStream());
            record.setBodyHash(bodyHasher.getDigest());
            Ed25519Sha256Signature signature = new Ed25519Sha256Signature();
            signature.initSign(keys.getPrivate());
            signatureCheck(parsed, record, record.getHeaders(), signature);
            record.setSignature(signature.sign());
            return "DKIM-Signature:" + record;
        } finally {
            parsed.dispose();
        }
    }
}
