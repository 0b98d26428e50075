/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mailfort.senderauth.dkim.DkimKeyAlgorithm;
import dev.mailfort.senderauth.dkim.DkimSigner;
import dev.mailfort.senderauth.dkim.DkimSigningKey;
import dev.mailfort.senderauth.dkim.PemPrivateKeys;

/**
 * The DKIM private keys of our domains, one folder per domain, one file per key:
 * <pre>
 * &lt;directory&gt;/example.com/2026a.rsa.pem       selector 2026a, rsa-sha256
 * &lt;directory&gt;/example.com/2026b.ed25519.pem   selector 2026b, ed25519-sha256
 * </pre>
 * Files are unencrypted PKCS#8 PEM ({@code dev.mailfort.tools.DkimKeys} or {@code openssl genpkey} make them). Every
 * key of a domain signs; other files are ignored. Read once: keys added later need a restart.
 */
final class DkimKeyDirectory {
    private static final Pattern KEY_FILE = Pattern.compile("([A-Za-z0-9_-]+)\\.(rsa|ed25519)\\.pem");

    private final Map<String, List<DkimSigner>> signersByDomain;

    private DkimKeyDirectory(Map<String, List<DkimSigner>> signersByDomain) {
        this.signersByDomain = signersByDomain;
    }

    static DkimKeyDirectory empty() {
        return new DkimKeyDirectory(Map.of());
    }

    /** @throws IllegalArgumentException when a key file cannot be used: better no start than unsigned mail */
    static DkimKeyDirectory load(Path directory, List<String> signedHeaders) throws IOException {
        Map<String, List<DkimSigner>> signers = new TreeMap<>();
        try (DirectoryStream<Path> domains = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path domainDirectory : domains) {
                String domain = domainDirectory.getFileName().toString().toLowerCase(Locale.ROOT);
                List<DkimSigner> domainSigners = new ArrayList<>();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(domainDirectory, Files::isRegularFile)) {
                    for (Path file : files) {
                        keyFile(domain, file).ifPresent(key -> domainSigners.add(new DkimSigner(key, signedHeaders)));
                    }
                }
                domainSigners.sort(Comparator.comparing((DkimSigner signer) -> signer.key().algorithm())
                    .thenComparing(signer -> signer.key().selector()));
                if (!domainSigners.isEmpty()) {
                    signers.put(domain, List.copyOf(domainSigners));
                }
            }
        }
        return new DkimKeyDirectory(signers);
    }

    private static Optional<DkimSigningKey> keyFile(String domain, Path file) throws IOException {
        Matcher name = KEY_FILE.matcher(file.getFileName().toString());
        if (!name.matches()) {
            return Optional.empty();
        }
        DkimKeyAlgorithm algorithm = DkimKeyAlgorithm.ofKeyType(name.group(2)).orElseThrow();
        try {
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            return Optional.of(new DkimSigningKey(domain, name.group(1), PemPrivateKeys.decode(pem, algorithm)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The keys of the domain, or else of its closest parent domain that has keys: mail from {@code news.example.com}
     * signed with {@code d=example.com} is still aligned for DMARC's relaxed mode.
     */
    List<DkimSigner> signersFor(String domain) {
        String candidate = domain.toLowerCase(Locale.ROOT);
        while (true) {
            List<DkimSigner> signers = signersByDomain.get(candidate);
            if (signers != null) {
                return signers;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0 || candidate.indexOf('.', dot + 1) < 0) {
                return List.of();
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    /** {@code domain: selector (algorithm), ...} for the log. */
    String describe() {
        List<String> parts = new ArrayList<>();
        signersByDomain.forEach((domain, signers) -> signers.forEach(signer ->
            parts.add(domain + ": " + signer.key().selector() + " (" + signer.key().algorithm().signatureAlgorithm() + ")")));
        return parts.isEmpty() ? "no keys" : String.join(", ", parts);
    }
}
