/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import com.google.common.net.InetAddresses;

/**
 * Creates a keystore holding one RSA key and a self-signed server certificate for a host name.
 *
 * <p>RSA 2048 with SHA-256 because every mail client still in use accepts it. The validity is 825 days, the longest
 * that Apple platforms accept for a server certificate. The host name goes into the subjectAltName, which is what
 * clients check; the common name only helps humans reading the certificate.
 */
public final class SelfSignedKeystoreGenerator {
    public static final String KEY_ALIAS = "mailfort";
    public static final Duration VALIDITY = Duration.ofDays(825);

    private static final int RSA_KEY_BITS = 2048;
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    // Tolerates a client clock that is a little behind the server's right after the certificate was made.
    private static final Duration BACKDATING = Duration.ofHours(1);
    private static final String ORGANIZATION = "Mailfort self-signed";

    private final Clock clock;
    private final SecureRandom random;

    public SelfSignedKeystoreGenerator() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    SelfSignedKeystoreGenerator(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** Generates the keystore in memory; the key entry is protected by the same password as the store, as James expects. */
    public KeyStore generate(String hostname, char[] password, String keystoreType) throws GeneralSecurityException {
        KeyPair keyPair = newKeyPair();
        X509Certificate certificate = selfSign(hostname, keyPair);

        KeyStore keyStore = KeyStore.getInstance(keystoreType);
        try {
            keyStore.load(null, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not initialise an empty " + keystoreType + " keystore", e);
        }
        keyStore.setKeyEntry(KEY_ALIAS, keyPair.getPrivate(), password, new Certificate[] {certificate});
        return keyStore;
    }

    /**
     * Generates a keystore and writes it to {@code target}, readable by the owner only.
     *
     * @return the certificate that was written
     * @throws java.nio.file.FileAlreadyExistsException if {@code target} exists: a keystore is never overwritten
     */
    public X509Certificate writeNew(Path target, String hostname, char[] password, String keystoreType)
            throws IOException, GeneralSecurityException {
        KeyStore keyStore = generate(hostname, password, keystoreType);
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(KEY_ALIAS);
        OwnerOnlyFiles.createNew(target, out -> {
            try {
                keyStore.store(out, password);
            } catch (GeneralSecurityException e) {
                throw new IOException("Could not serialise the keystore", e);
            }
        });
        return certificate;
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(RSA_KEY_BITS, random);
        return generator.generateKeyPair();
    }

    private X509Certificate selfSign(String hostname, KeyPair keyPair) throws GeneralSecurityException {
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.CN, hostname)
            .addRDN(BCStyle.O, ORGANIZATION)
            .build();
        // Positive and at most 20 bytes once encoded, as RFC 5280 requires; random so that re-generated
        // certificates never share a serial number.
        BigInteger serial = new BigInteger(159, random).setBit(0);

        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
            Date.from(now.minus(BACKDATING)), Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltName(hostname)))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(keyPair.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keyPair.getPrivate())));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("Could not build the self-signed certificate for " + hostname, e);
        }
    }

    private static GeneralName subjectAltName(String hostname) {
        if (InetAddresses.isInetAddress(hostname)) {
            return new GeneralName(GeneralName.iPAddress, hostname);
        }
        return new GeneralName(GeneralName.dNSName, hostname);
    }
}
