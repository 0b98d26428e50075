/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a TLS keystore exists before the protocol servers start, and tells their XML configuration where it
 * is through system properties, so that no path or password has to be written into {@code conf/*.xml}:
 * <pre>{@code
 * <tls socketTLS="false" startTLS="true">
 *   <keystore>${sys:mailfort.tls.keystore}</keystore>
 *   <secret>${sys:mailfort.tls.keystore.password}</secret>
 *   <keystoreType>${sys:mailfort.tls.keystore.type}</keystoreType>
 * </tls>
 * }</pre>
 * When the configured keystore does not exist, a self-signed certificate for the configured host name is generated
 * so that a first start works; a warning says how to replace it. An existing keystore is never modified.
 */
public final class TlsBootstrap {
    /** The keystore location as a James {@code file://} URL. */
    public static final String KEYSTORE_PROPERTY = "mailfort.tls.keystore";
    public static final String KEYSTORE_PASSWORD_PROPERTY = "mailfort.tls.keystore.password";
    public static final String KEYSTORE_TYPE_PROPERTY = "mailfort.tls.keystore.type";
    /** The host name a generated certificate is made for; other configuration may reuse it. */
    public static final String HOSTNAME_PROPERTY = "mailfort.tls.hostname";

    private static final Logger LOGGER = LoggerFactory.getLogger(TlsBootstrap.class);
    private static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final SelfSignedKeystoreGenerator generator;
    private final SecureRandom random;
    private final Clock clock;

    TlsBootstrap(SelfSignedKeystoreGenerator generator, SecureRandom random, Clock clock) {
        this.generator = generator;
        this.random = random;
        this.clock = clock;
    }

    /**
     * Reads {@code conf/tls.properties} (optional) under the working directory and the environment, generates the
     * keystore if it is missing, and sets the {@code mailfort.tls.*} system properties. Call it before the James
     * server starts.
     */
    public static PreparedKeystore prepare(Path workingDirectory) throws TlsSetupException {
        TlsSettings settings;
        try {
            settings = TlsSettings.load(workingDirectory);
        } catch (IOException e) {
            throw new TlsSetupException("Could not read " + workingDirectory.resolve(TlsSettings.CONFIGURATION_FILE), e);
        }
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        return new TlsBootstrap(new SelfSignedKeystoreGenerator(clock, random), random, clock).prepare(settings);
    }

    PreparedKeystore prepare(TlsSettings settings) throws TlsSetupException {
        PreparedKeystore prepared;
        String password;
        KeystorePasswordFile passwordFile = new KeystorePasswordFile(settings.passwordFile(), random);
        if (Files.exists(settings.keystore())) {
            password = existingPassword(settings, passwordFile);
            prepared = useExisting(settings, password);
        } else {
            password = passwordForNewKeystore(settings, passwordFile);
            prepared = generate(settings, password, passwordFile);
        }
        publish(prepared, password);
        return prepared;
    }

    private PreparedKeystore useExisting(TlsSettings settings, String password) throws TlsSetupException {
        X509Certificate certificate = ExistingKeystore.open(settings.keystore(), settings.keystoreType(), password.toCharArray());
        LOGGER.info("TLS keystore {} ({}): certificate {} issued by {}, valid until {}",
            settings.keystore(), settings.keystoreType(), certificate.getSubjectX500Principal(),
            certificate.getIssuerX500Principal(), certificate.getNotAfter().toInstant());
        warnAboutExpiry(settings.keystore(), certificate);
        return new PreparedKeystore(settings.keystore(), settings.keystoreType(), settings.hostname(), certificate, false);
    }

    private PreparedKeystore generate(TlsSettings settings, String password, KeystorePasswordFile passwordFile)
            throws TlsSetupException {
        X509Certificate certificate;
        try {
            certificate = generator.writeNew(settings.keystore(), settings.hostname(), password.toCharArray(), settings.keystoreType());
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsSetupException("No TLS keystore at " + settings.keystore()
                + " and generating a self-signed one failed: " + e.getMessage(), e);
        }
        String passwordSource = settings.password().isPresent()
            ? "the configured keystore password"
            : "the password in " + passwordFile.path() + " (readable by the owner only)";
        LOGGER.warn("No TLS keystore at {}: generated a self-signed certificate for {} (valid until {}, SHA-256 fingerprint {}),"
                + " protected by {}. Mail clients will not trust it: mount a real keystore at that path, or set tls.keystore"
                + " in {} / MAILFORT_KEYSTORE (see README, TLS certificates).",
            settings.keystore(), settings.hostname(), certificate.getNotAfter().toInstant(), fingerprint(certificate),
            passwordSource, TlsSettings.CONFIGURATION_FILE);
        return new PreparedKeystore(settings.keystore(), settings.keystoreType(), settings.hostname(), certificate, true);
    }

    private static String existingPassword(TlsSettings settings, KeystorePasswordFile passwordFile) throws TlsSetupException {
        Optional<String> password = settings.password().or(() -> readQuietly(passwordFile));
        return password.orElseThrow(() -> new TlsSetupException("The TLS keystore " + settings.keystore()
            + " exists but no password for it was given: set MAILFORT_KEYSTORE_PASSWORD, or put the password in "
            + passwordFile.path() + " (readable by the owner only)"));
    }

    private static String passwordForNewKeystore(TlsSettings settings, KeystorePasswordFile passwordFile) throws TlsSetupException {
        if (settings.password().isPresent()) {
            return settings.password().get();
        }
        try {
            // A password file without a keystore is kept: the operator may have provided it on purpose.
            Optional<String> existing = passwordFile.read();
            if (existing.isPresent()) {
                return existing.get();
            }
            return passwordFile.createWithRandomPassword();
        } catch (IOException e) {
            throw new TlsSetupException("Could not read or create the keystore password file " + passwordFile.path(), e);
        }
    }

    private static Optional<String> readQuietly(KeystorePasswordFile passwordFile) {
        try {
            return passwordFile.read();
        } catch (IOException e) {
            LOGGER.warn("Could not read the keystore password file {}: {}", passwordFile.path(), e.getMessage());
            return Optional.empty();
        }
    }

    private void warnAboutExpiry(Path keystore, X509Certificate certificate) {
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant now = clock.instant();
        if (notAfter.isBefore(now)) {
            LOGGER.error("The TLS certificate in {} ({}) expired at {}: clients will refuse or warn about it",
                keystore, certificate.getSubjectX500Principal(), notAfter);
        } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            LOGGER.warn("The TLS certificate in {} ({}) expires at {}: renew it soon",
                keystore, certificate.getSubjectX500Principal(), notAfter);
        }
    }

    private static void publish(PreparedKeystore prepared, String password) {
        System.setProperty(KEYSTORE_PROPERTY, prepared.jamesLocation());
        System.setProperty(KEYSTORE_PASSWORD_PROPERTY, password);
        System.setProperty(KEYSTORE_TYPE_PROPERTY, prepared.type());
        System.setProperty(HOSTNAME_PROPERTY, prepared.hostname());
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }
}
