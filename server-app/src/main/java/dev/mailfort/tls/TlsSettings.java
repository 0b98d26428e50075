/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Where the TLS keystore lives, how it is unlocked and which host name a generated certificate names.
 *
 * <p>Read from the optional {@code conf/tls.properties} under the working directory. Every key falls back to an
 * environment variable, then to a built-in default, so a container can be configured without editing files:
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>environment</th><th>default</th></tr>
 *   <tr><td>{@code tls.hostname}</td><td>{@code MAILFORT_HOSTNAME}</td><td>the machine's canonical host name</td></tr>
 *   <tr><td>{@code tls.keystore}</td><td>{@code MAILFORT_KEYSTORE}</td><td>{@code var/tls/keystore.p12}</td></tr>
 *   <tr><td>{@code tls.keystore.type}</td><td>{@code MAILFORT_KEYSTORE_TYPE}</td><td>{@code PKCS12}</td></tr>
 *   <tr><td>{@code tls.keystore.password}</td><td>{@code MAILFORT_KEYSTORE_PASSWORD}</td><td>read from the password file</td></tr>
 *   <tr><td>{@code tls.keystore.password.file}</td><td>{@code MAILFORT_KEYSTORE_PASSWORD_FILE}</td><td>the keystore path + {@code .password}</td></tr>
 * </table>
 * Relative paths are relative to the working directory. The default keystore sits under {@code var/} because a
 * generated certificate is state: it must survive restarts (clients may have pinned it) and {@code conf/} may be
 * mounted read-only.
 */
public final class TlsSettings {
    public static final String CONFIGURATION_FILE = "conf/tls.properties";

    static final String HOSTNAME_KEY = "tls.hostname";
    static final String KEYSTORE_KEY = "tls.keystore";
    static final String KEYSTORE_TYPE_KEY = "tls.keystore.type";
    static final String PASSWORD_KEY = "tls.keystore.password";
    static final String PASSWORD_FILE_KEY = "tls.keystore.password.file";

    static final String HOSTNAME_ENV = "MAILFORT_HOSTNAME";
    static final String KEYSTORE_ENV = "MAILFORT_KEYSTORE";
    static final String KEYSTORE_TYPE_ENV = "MAILFORT_KEYSTORE_TYPE";
    static final String PASSWORD_ENV = "MAILFORT_KEYSTORE_PASSWORD";
    static final String PASSWORD_FILE_ENV = "MAILFORT_KEYSTORE_PASSWORD_FILE";

    static final String DEFAULT_KEYSTORE = "var/tls/keystore.p12";
    static final String DEFAULT_KEYSTORE_TYPE = "PKCS12";
    static final String PASSWORD_FILE_SUFFIX = ".password";

    private final String hostname;
    private final Path keystore;
    private final String keystoreType;
    private final Optional<String> password;
    private final Path passwordFile;

    public TlsSettings(String hostname, Path keystore, String keystoreType, Optional<String> password, Path passwordFile) {
        this.hostname = requireText(hostname, "hostname");
        this.keystore = Objects.requireNonNull(keystore, "keystore").toAbsolutePath().normalize();
        this.keystoreType = requireText(keystoreType, "keystoreType");
        this.password = Objects.requireNonNull(password, "password");
        this.passwordFile = Objects.requireNonNull(passwordFile, "passwordFile").toAbsolutePath().normalize();
    }

    public static TlsSettings load(Path workingDirectory) throws IOException {
        return load(workingDirectory, System.getenv(), TlsSettings::canonicalLocalHostName);
    }

    public static TlsSettings load(Path workingDirectory, Map<String, String> environment,
                                   Supplier<String> localHostName) throws IOException {
        Path base = workingDirectory.toAbsolutePath().normalize();
        Properties file = readOptionalProperties(base.resolve(CONFIGURATION_FILE));
        Lookup lookup = new Lookup(file, environment);

        String hostname = lookup.get(HOSTNAME_KEY, HOSTNAME_ENV).orElseGet(localHostName);
        Path keystore = base.resolve(lookup.get(KEYSTORE_KEY, KEYSTORE_ENV).orElse(DEFAULT_KEYSTORE));
        String keystoreType = lookup.get(KEYSTORE_TYPE_KEY, KEYSTORE_TYPE_ENV).orElse(DEFAULT_KEYSTORE_TYPE);
        Optional<String> password = lookup.get(PASSWORD_KEY, PASSWORD_ENV);
        Path passwordFile = lookup.get(PASSWORD_FILE_KEY, PASSWORD_FILE_ENV)
            .map(base::resolve)
            .orElseGet(() -> keystore.resolveSibling(keystore.getFileName() + PASSWORD_FILE_SUFFIX));

        return new TlsSettings(hostname.trim(), keystore, keystoreType.trim(), password, passwordFile);
    }

    public String hostname() {
        return hostname;
    }

    public Path keystore() {
        return keystore;
    }

    public String keystoreType() {
        return keystoreType;
    }

    /** A password given in the configuration file or the environment, as opposed to one kept in the password file. */
    public Optional<String> password() {
        return password;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    @Override
    public String toString() {
        return "TlsSettings{hostname=" + hostname + ", keystore=" + keystore + ", keystoreType=" + keystoreType
            + ", password=" + (password.isPresent() ? "<given>" : "<from file>") + ", passwordFile=" + passwordFile + '}';
    }

    private static Properties readOptionalProperties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private static String canonicalLocalHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            // A container without a resolvable own name still has to start; the operator sees the name in the log.
            return "localhost";
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static final class Lookup {
        private final Properties file;
        private final Map<String, String> environment;

        Lookup(Properties file, Map<String, String> environment) {
            this.file = file;
            this.environment = environment;
        }

        // Blank values count as unset so that "KEY=" in a template file or an empty variable does not override a default.
        Optional<String> get(String key, String environmentVariable) {
            return nonBlank(file.getProperty(key))
                .or(() -> nonBlank(environment.get(environmentVariable)));
        }

        private static Optional<String> nonBlank(String value) {
            return Optional.ofNullable(value).filter(v -> !v.isBlank());
        }
    }
}
