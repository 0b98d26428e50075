/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.PublicKeyRecord;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;

import dev.mailfort.senderauth.dns.DnsResolver;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376) with Apache jDKIM, fetching keys through our
 * {@link DnsResolver}, and tells the outcome of each signature apart (RFC 8601 results). Thread-safe.
 *
 * <p>Beyond jDKIM: rsa-sha1 signatures and RSA keys under {@code minimumRsaKeyBits} are refused (RFC 8301), and
 * ed25519-sha256 (RFC 8463), which jDKIM 0.3 does not know, is verified with jDKIM's canonicalization and the
 * JDK's Ed25519.
 */
public final class DkimChecker {
    public static final int DEFAULT_MAX_SIGNATURES = 10;
    public static final int DEFAULT_MINIMUM_RSA_KEY_BITS = 1024;
    private static final Pattern TAG = Pattern.compile("(?:^|;)\\s*([a-z]+)\\s*=\\s*([^;]*)");

    private final DnsResolver dns;
    private final int maxSignatures;
    private final int minimumRsaKeyBits;

    public DkimChecker(DnsResolver dns) {
        this(dns, DEFAULT_MAX_SIGNATURES, DEFAULT_MINIMUM_RSA_KEY_BITS);
    }

    /**
     * @param maxSignatures     signatures beyond this many are not looked at (each costs a DNS query and a body
     *                          hash); default {@value #DEFAULT_MAX_SIGNATURES}
     * @param minimumRsaKeyBits shorter RSA keys give permerror; default {@value #DEFAULT_MINIMUM_RSA_KEY_BITS}
     */
    public DkimChecker(DnsResolver dns, int maxSignatures, int minimumRsaKeyBits) {
        this.dns = Objects.requireNonNull(dns, "dns");
        if (maxSignatures < 1) {
            throw new IllegalArgumentException("maxSignatures must be positive: " + maxSignatures);
        }
        this.maxSignatures = maxSignatures;
        this.minimumRsaKeyBits = minimumRsaKeyBits;
    }

    /**
     * @param message the raw RFC 5322 message as received (CRLF or LF line ends)
     * @return one verdict per DKIM-Signature field, in header order; empty when the message is not signed
     */
    public List<DkimSignatureVerdict> verify(byte[] message) throws IOException {
        if (!DkimSignatureFields.present(message)) {
            DkimParsedMessage.checkHeaderReadable(message);
            return List.of();
        }
        DkimParsedMessage parsed = DkimParsedMessage.parse(message);
        try {
            List<String> signatureFields = parsed.getFields("DKIM-Signature");
            if (signatureFields == null || signatureFields.isEmpty()) {
                return List.of();
            }
            byte[] body;
            try (InputStream in = parsed.body()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            DKIMVerifier verifier = new DKIMVerifier(new DnsPublicKeyRetriever(dns)) {
                @Override
                protected PublicKeyRecord newPublicKeyRecord(String record) {
                    return new DkimKeyRecord(record);
                }
            };
            List<DkimSignatureVerdict> verdicts = new ArrayList<>();
            for (String field : signatureFields.subList(0, Math.min(signatureFields.size(), maxSignatures))) {
                verdicts.add(verifyOne(verifier, parsed, field, body));
            }
            return List.copyOf(verdicts);
        } finally {
            parsed.dispose();
        }
    }

    private DkimSignatureVerdict verifyOne(DKIMVerifier verifier, Headers message, String field, byte[] body) {
        String value = field.substring(field.indexOf(':') + 1);
        String domain = tag(value, "d");
        String selector = tag(value, "s");
        String algorithm = tag(value, "a");
        SignatureRecord signature;
        try {
            signature = verifier.newSignatureRecord(value);
            signature.validate();
        } catch (RuntimeException e) {
            return new DkimSignatureVerdict(DkimResult.NEUTRAL, domain, selector, algorithm,
                "invalid signature: " + e.getMessage());
        }
        String keyType = signature.getHashKeyType().toString().toLowerCase(Locale.ROOT);
        String hash = signature.getHashMethod().toString().toLowerCase(Locale.ROOT);
        boolean ed25519 = keyType.equals("ed25519");
        if (!keyType.equals("rsa") && !ed25519) {
            return new DkimSignatureVerdict(DkimResult.NEUTRAL, domain, selector, algorithm,
                "unsupported algorithm " + algorithm);
        }
        if (!hash.equals("sha256")) {
            return new DkimSignatureVerdict(DkimResult.PERMERROR, domain, selector, algorithm,
                hash.equals("sha1") ? "rsa-sha1 is not accepted (RFC 8301)" : "unsupported algorithm " + algorithm);
        }
        PublicKey publicKey;
        try {
            PublicKeyRecord key = verifier.publicRecordLookup(signature);
            try {
                publicKey = key.getPublicKey();
            } catch (RuntimeException e) {
                return new DkimSignatureVerdict(DkimResult.PERMERROR, domain, selector, algorithm,
                    "unusable key: " + e.getMessage());
            }
            String weakness = weakness(publicKey);
            if (weakness != null) {
                return new DkimSignatureVerdict(DkimResult.PERMERROR, domain, selector, algorithm, weakness);
            }
        } catch (TempFailException e) {
            return new DkimSignatureVerdict(DkimResult.TEMPERROR, domain, selector, algorithm,
                "key lookup: " + e.getMessage());
        } catch (PermFailException e) {
            return new DkimSignatureVerdict(DkimResult.PERMERROR, domain, selector, algorithm,
                "key: " + e.getMessage());
        }
        SingleSignatureHeaders headers = new SingleSignatureHeaders(message, field);
        try {
            if (ed25519) {
                Ed25519Verification.verify(headers, signature, publicKey, body);
            } else {
                verifier.verify(headers, new ByteArrayInputStream(body));
            }
            return new DkimSignatureVerdict(DkimResult.PASS, domain, selector, algorithm, "signature verified");
        } catch (TempFailException e) {
            return new DkimSignatureVerdict(DkimResult.TEMPERROR, domain, selector, algorithm, e.getMessage());
        } catch (FailException e) {
            return new DkimSignatureVerdict(DkimResult.FAIL, domain, selector, algorithm, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new DkimSignatureVerdict(DkimResult.NEUTRAL, domain, selector, algorithm,
                "verification error: " + e);
        }
    }

    private String weakness(PublicKey publicKey) {
        if (publicKey instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < minimumRsaKeyBits) {
            return "RSA key of " + rsa.getModulus().bitLength() + " bits, under " + minimumRsaKeyBits;
        }
        return null;
    }

    /** Reads a tag for reporting even from a signature jDKIM cannot parse. */
    private static String tag(String value, String name) {
        Matcher m = TAG.matcher(value.replaceAll("\\s*\\r?\\n\\s*", ""));
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return name.equals("d") ? m.group(2).trim().toLowerCase(Locale.ROOT) : m.group(2).trim();
            }
        }
        return "";
    }
}
