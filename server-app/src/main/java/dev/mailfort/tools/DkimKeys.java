/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import dev.mailfort.senderauth.dkim.DkimKeyAlgorithm;
import dev.mailfort.senderauth.dkim.DkimPublicKeyRecord;
import dev.mailfort.senderauth.dkim.DkimSigningKey;
import dev.mailfort.senderauth.dkim.PemPrivateKeys;

/**
 * Creates the DKIM keys that the {@code SignWithDkim} mailet signs with, and prints the DNS records to publish.
 *
 * <pre>
 * java -cp mailfort-server.jar dev.mailfort.tools.DkimKeys generate example.com 2026a rsa [--dir var/dkim]
 * java -cp mailfort-server.jar dev.mailfort.tools.DkimKeys generate example.com 2026b ed25519 [--dir var/dkim]
 * java -cp mailfort-server.jar dev.mailfort.tools.DkimKeys record example.com 2026a [--dir var/dkim]
 * </pre>
 * {@code generate} writes {@code <dir>/<domain>/<selector>.<rsa|ed25519>.pem} (PKCS#8 PEM, readable by its owner
 * only; never replaces an existing file) and prints the TXT record; {@code record} prints it again for an existing
 * key. RSA keys have {@value DkimKeyAlgorithm#RSA_KEY_BITS} bits. {@code --dir} defaults to {@code var/dkim}, the
 * mailet's default {@code file://var/dkim/} seen from the server's working directory. Restart the server to use new
 * keys, after the record is published.
 */
public final class DkimKeys {
    static final String DEFAULT_DIRECTORY = "var/dkim";
    private static final String USAGE = String.join("\n",
        "usage: DkimKeys generate <domain> <selector> [rsa|ed25519] [--dir <directory>]",
        "       DkimKeys record <domain> <selector> [--dir <directory>]",
        "Keys are <directory>/<domain>/<selector>.<rsa|ed25519>.pem; <directory> defaults to " + DEFAULT_DIRECTORY + ".");

    private DkimKeys() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the process exit status: 0 done, 1 failed, 2 wrong usage */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>(Arrays.asList(args));
        Path directory = Path.of(DEFAULT_DIRECTORY);
        int dir = words.indexOf("--dir");
        if (dir >= 0) {
            if (dir + 1 >= words.size()) {
                err.println(USAGE);
                return 2;
            }
            directory = Path.of(words.get(dir + 1));
            words.subList(dir, dir + 2).clear();
        }
        try {
            if (words.size() >= 3 && words.size() <= 4 && words.get(0).equals("generate")) {
                String type = words.size() == 4 ? words.get(3) : "rsa";
                DkimKeyAlgorithm algorithm = DkimKeyAlgorithm.ofKeyType(type)
                    .orElseThrow(() -> new IllegalArgumentException("unknown key type " + type + " (rsa or ed25519)"));
                generate(directory, words.get(1), words.get(2), algorithm, out);
                return 0;
            }
            if (words.size() == 3 && words.get(0).equals("record")) {
                return record(directory, words.get(1), words.get(2), out, err);
            }
        } catch (IllegalArgumentException | IOException | GeneralSecurityException e) {
            err.println("DkimKeys: " + e.getMessage());
            return 1;
        }
        err.println(USAGE);
        return 2;
    }

    private static void generate(Path directory, String domain, String selector, DkimKeyAlgorithm algorithm,
                                 PrintStream out) throws IOException {
        KeyPair keys = algorithm.generate();
        DkimSigningKey key = new DkimSigningKey(domain, selector, keys.getPrivate());
        Path file = keyFile(directory, key.domain(), key.selector(), algorithm);
        writeOwnerOnly(file, PemPrivateKeys.encode(keys.getPrivate()));
        out.println("Private key written to " + file + " (keep it secret; it never leaves this server).");
        printRecord(key, keys.getPublic(), out);
    }

    private static int record(Path directory, String domain, String selector, PrintStream out, PrintStream err)
            throws IOException, GeneralSecurityException {
        int found = 0;
        for (DkimKeyAlgorithm algorithm : DkimKeyAlgorithm.values()) {
            Path file = keyFile(directory, domain.toLowerCase(Locale.ROOT), selector.toLowerCase(Locale.ROOT), algorithm);
            if (Files.isRegularFile(file)) {
                PrivateKey privateKey = PemPrivateKeys.decode(Files.readString(file, StandardCharsets.US_ASCII), algorithm);
                printRecord(new DkimSigningKey(domain, selector, privateKey), publicKeyOf(privateKey), out);
                found++;
            }
        }
        if (found == 0) {
            err.println("DkimKeys: no key " + selector + ".rsa.pem or " + selector + ".ed25519.pem in "
                + directory.resolve(domain.toLowerCase(Locale.ROOT)));
            return 1;
        }
        return 0;
    }

    private static void printRecord(DkimSigningKey key, PublicKey publicKey, PrintStream out) {
        out.println("Publish this TXT record (" + key.algorithm().signatureAlgorithm() + "), zone file syntax:");
        out.println(DkimPublicKeyRecord.zoneFileLine(key.recordName(), publicKey));
        out.println("Record name: " + key.recordName());
        out.println("Record text: " + DkimPublicKeyRecord.of(publicKey));
    }

    static Path keyFile(Path directory, String domain, String selector, DkimKeyAlgorithm algorithm) {
        return directory.resolve(domain).resolve(selector + "." + algorithm.keyType() + ".pem");
    }

    /** The public half, derived again from the private key, so that only one file has to be kept. */
    static PublicKey publicKeyOf(PrivateKey privateKey) throws GeneralSecurityException, IOException {
        if (privateKey instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        // The JDK cannot derive an Ed25519 public key; Bouncy Castle (already here for certificates) can.
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(privateKey.getEncoded());
        byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
        byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        SubjectPublicKeyInfo spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), publicKey);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " exists; choose another selector");
        }
        if (Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.US_ASCII);
    }
}
