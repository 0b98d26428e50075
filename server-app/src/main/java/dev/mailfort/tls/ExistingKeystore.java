/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

/**
 * Opens a keystore the way James will, before James does: a wrong password or a store without a private key then
 * stops the start with a message naming the file, instead of a stack trace from deep inside a protocol server.
 */
final class ExistingKeystore {
    private ExistingKeystore() {
    }

    /** @return the certificate of the first private key entry */
    static X509Certificate open(Path file, String type, char[] password) throws TlsSetupException {
        KeyStore keyStore = load(file, type, password);
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    checkKeyPassword(file, keyStore, alias, password);
                    Certificate certificate = keyStore.getCertificate(alias);
                    if (certificate instanceof X509Certificate) {
                        return (X509Certificate) certificate;
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("Could not read the entries of the TLS keystore " + file + ": " + e.getMessage(), e);
        }
        throw new TlsSetupException("The TLS keystore " + file + " holds no private key with an X.509 certificate;"
            + " a server keystore needs the key and its certificate chain in one entry");
    }

    private static KeyStore load(Path file, String type, char[] password) throws TlsSetupException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance(type);
            keyStore.load(in, password);
            return keyStore;
        } catch (IOException e) {
            // KeyStore.load reports a wrong password as an IOException whose cause is UnrecoverableKeyException.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsSetupException("Wrong password for the TLS keystore " + file, e);
            }
            throw new TlsSetupException("Could not read the TLS keystore " + file + " as " + type + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("Could not read the TLS keystore " + file + " as " + type + ": " + e.getMessage(), e);
        }
    }

    private static void checkKeyPassword(Path file, KeyStore keyStore, String alias, char[] password)
            throws GeneralSecurityException, TlsSetupException {
        try {
            keyStore.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            // James unlocks the key with the store password; a store made with a different key password cannot be used.
            throw new TlsSetupException("The key '" + alias + "' in the TLS keystore " + file
                + " has a password different from the keystore's; James needs both to be the same", e);
        }
    }
}
