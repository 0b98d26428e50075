/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.apache.james.jdkim.DKIMSigner;

/**
 * An RSA DKIM key made at test time (no private key lives in the repository), signing with jDKIM: the TXT record
 * to publish and the signed message.
 */
public final class DkimTestKey {
    private final KeyPair keys;

    private DkimTestKey(KeyPair keys) {
        this.keys = keys;
    }

    public static DkimTestKey rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new DkimTestKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TXT record to publish at {@code <selector>._domainkey.<domain>}. */
    public String keyRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /**
     * @param message RFC 5322 text with CRLF line ends
     * @return the message with a DKIM-Signature field (relaxed/relaxed, rsa-sha256) prepended, CRLF line ends
     */
    public String sign(String message, String domain, String selector) {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
            + "; h=from:to:subject:date:message-id; bh=; b=;";
        try {
            String field = new DKIMSigner(template, keys.getPrivate())
                .sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
            return field + "\r\n" + message;
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the test message", e);
        }
    }
}
