/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.List;
import java.util.Objects;

import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;

/**
 * Makes a DKIM-Signature field (RFC 6376) for a message, with rsa-sha256 or ed25519-sha256 (RFC 8463) depending on
 * the key. Canonicalization is relaxed/relaxed, which survives the re-folding of header fields and the trailing
 * white space changes that relays commonly make. The same jDKIM canonicalization as {@link DkimChecker} is used, so
 * what we sign our own verifier accepts. Thread-safe.
 */
public final class DkimSigner {
    /**
     * The fields whose change would change what a reader sees or replies to. {@code from} is listed twice so that
     * a second From field added on the way breaks the signature (RFC 6376 section 8.15, "oversigning"); a listed
     * field the message does not have protects the same way against its later addition.
     */
    public static final List<String> DEFAULT_SIGNED_HEADERS = List.of("from", "from", "sender", "reply-to", "to", "cc",
        "subject", "date", "message-id", "in-reply-to", "references", "mime-version", "content-type",
        "content-transfer-encoding");

    private final DkimSigningKey key;
    private final List<String> signedHeaders;

    public DkimSigner(DkimSigningKey key) {
        this(key, DEFAULT_SIGNED_HEADERS);
    }

    public DkimSigner(DkimSigningKey key, List<String> signedHeaders) {
        this.key = Objects.requireNonNull(key, "key");
        if (signedHeaders.stream().noneMatch("from"::equalsIgnoreCase)) {
            throw new IllegalArgumentException("the From field must be signed (RFC 6376 section 5.4)");
        }
        for (String name : signedHeaders) {
            if (!name.matches("[A-Za-z0-9-]+")) {
                throw new IllegalArgumentException("not a header field name: " + name);
            }
        }
        this.signedHeaders = List.copyOf(signedHeaders);
    }

    public DkimSigningKey key() {
        return key;
    }

    /**
     * @param message the message exactly as it will be sent (CRLF line ends)
     * @return the whole field, {@code DKIM-Signature: v=1; ...}, folded between tags, without the final CRLF
     */
    public String signatureField(byte[] message) throws IOException {
        DkimParsedMessage parsed = DkimParsedMessage.parse(message);
        try {
            SignatureRecordImpl record = new SignatureRecordImpl(template());
            BodyHasherImpl bodyHasher = new BodyHasherImpl(record);
            InputStream body = parsed.body();
            DKIMCommon.streamCopy(body == null ? InputStream.nullInputStream() : body, bodyHasher.getOutputStream());
            record.setBodyHash(bodyHasher.getDigest());
            Signature signature = key.algorithm().newSignature();
            signature.initSign(key.privateKey());
            HeaderHashing.hash(parsed, record, signature);
            record.setSignature(signature.sign());
            return "DKIM-Signature:" + fold(record.toString());
        } catch (PermFailException | GeneralSecurityException e) {
            throw new IOException("cannot sign for " + key.domain() + ": " + e.getMessage(), e);
        } finally {
            parsed.dispose();
        }
    }

    private String template() {
        return "v=1; a=" + key.algorithm().signatureAlgorithm() + "; c=relaxed/relaxed; d=" + key.domain()
            + "; s=" + key.selector() + "; t=; h=" + String.join(":", signedHeaders) + "; bh=; b=;";
    }

    /**
     * Folds only where a space already separates two tags: relaxed canonicalization turns the fold back into that
     * space, so the signed text and the sent text canonicalize the same.
     */
    private static String fold(String value) {
        return value.replace("; ", ";\r\n\t");
    }

    /** Gives access to jDKIM's header hashing, which is only open to subclasses. */
    private static final class HeaderHashing extends DKIMCommon {
        static void hash(Headers message, SignatureRecordImpl record, Signature signature)
                throws GeneralSecurityException, PermFailException {
            signatureCheck(message, record, record.getHeaders(), signature);
        }
    }
}
