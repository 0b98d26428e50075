/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.senderauth.dkim.DkimSigner;
import dev.mailfort.senderauth.header.HeaderFrom;
import dev.mailfort.senderauth.header.HeaderFromExtractor;

/**
 * Signs outgoing mail with DKIM (RFC 6376) for the domain of its From address, with every key that domain has:
 * rsa-sha256 and, if present, ed25519-sha256 (RFC 8463) too; receivers that do not know Ed25519 ignore that one.
 *
 * <p>Keys live in {@code keyDirectory}, one folder per domain: {@code <keyDirectory>/<domain>/<selector>.rsa.pem}
 * and {@code <keyDirectory>/<domain>/<selector>.ed25519.pem} (unencrypted PKCS#8 PEM). Make one, and print the DNS
 * record to publish, with {@code java -cp mailfort-server.jar dev.mailfort.tools.DkimKeys generate example.com
 * 2026a rsa}. Mail from a domain without keys, or whose From field does not name exactly one address, leaves
 * unsigned; a subdomain without keys of its own is signed with its parent domain's keys. Keys are read at start.
 *
 * <p>Put it last before RemoteDelivery: any change to a signed header field or to the body after signing breaks
 * the signature. Signing failures throw; with {@code <onMailetException>ignore</onMailetException>} such mail leaves
 * unsigned instead of going to the error processor.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code keyDirectory} (default {@code file://var/dkim/}): a James file URL ({@code file://} relative to the
 *       server's working directory, {@code file:///} absolute). A missing directory means no keys.</li>
 *   <li>{@code signedHeaders} (default {@code from:from:sender:reply-to:to:cc:subject:date:message-id:in-reply-to:
 *       references:mime-version:content-type:content-transfer-encoding}): the {@code h=} list; must contain
 *       {@code from}.</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <mailet match="All" class="dev.mailfort.mailets.SignWithDkim">
 *     <keyDirectory>file://var/dkim/</keyDirectory>
 * </mailet>
 * }</pre>
 */
public class SignWithDkim extends GenericMailet {
    static final String DEFAULT_KEY_DIRECTORY = "file://var/dkim/";
    private static final Logger LOGGER = LoggerFactory.getLogger(SignWithDkim.class);

    private final FileSystem fileSystem;
    private DkimKeyDirectory keys = DkimKeyDirectory.empty();

    @Inject
    public SignWithDkim(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    @Override
    public void init() throws MessagingException {
        String location = getInitParameter("keyDirectory", DEFAULT_KEY_DIRECTORY).strip();
        List<String> signedHeaders = Arrays.stream(getInitParameter("signedHeaders",
                String.join(":", DkimSigner.DEFAULT_SIGNED_HEADERS)).split(":"))
            .map(name -> name.strip().toLowerCase(Locale.ROOT))
            .filter(name -> !name.isEmpty())
            .toList();
        Path directory = resolve(location);
        if (directory == null || !Files.isDirectory(directory)) {
            LOGGER.warn("DKIM key directory {} does not exist: outgoing mail is not signed", location);
            return;
        }
        try {
            keys = DkimKeyDirectory.load(directory, signedHeaders);
        } catch (IOException | IllegalArgumentException e) {
            throw new MessagingException("Cannot read the DKIM keys in " + directory + ": " + e.getMessage(), e);
        }
        LOGGER.info("Signing outgoing mail with DKIM keys from {}: {}", directory, keys.describe());
    }

    private Path resolve(String location) throws MessagingException {
        if (!location.contains(":")) {
            return Path.of(location);
        }
        try {
            File file = fileSystem.getFile(location);
            return file.toPath();
        } catch (FileNotFoundException e) {
            return null;
        } catch (RuntimeException e) {
            throw new MessagingException("keyDirectory is not a usable location: " + location, e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        // Whatever JavaMail would still change when writing the message, it changes now, before we sign it.
        message.saveChanges();
        byte[] content = bytes(message);
        HeaderFrom from = HeaderFromExtractor.extract(content);
        if (!from.isUsable()) {
            LOGGER.debug("Mail {} not signed: {}", mail.getName(), from.reason());
            return;
        }
        List<DkimSigner> signers = keys.signersFor(from.domain());
        if (signers.isEmpty()) {
            LOGGER.debug("Mail {} not signed: no DKIM key for {}", mail.getName(), from.domain());
            return;
        }
        List<String> fields = new ArrayList<>();
        for (DkimSigner signer : signers) {
            try {
                fields.add(signer.signatureField(content));
            } catch (IOException e) {
                throw new MessagingException("Cannot sign mail " + mail.getName() + " for " + from.domain(), e);
            }
        }
        prepend(message, fields);
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("Cannot read the message", e);
        }
        return out.toByteArray();
    }

    /**
     * Signatures go on top, where receivers expect the newest trace and signature fields; JavaMail only appends, so
     * the existing fields are taken off and put back, unchanged, after them.
     */
    private static void prepend(MimeMessage message, List<String> fields) throws MessagingException {
        List<String> existing = Collections.list(message.getAllHeaderLines());
        Set<String> names = new LinkedHashSet<>();
        for (String line : existing) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                names.add(line.substring(0, colon).strip());
            }
        }
        for (String name : names) {
            message.removeHeader(name);
        }
        for (String field : fields) {
            message.addHeaderLine(field);
        }
        for (String line : existing) {
            message.addHeaderLine(line);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Signs outgoing mail with the DKIM keys of its From domain";
    }
}
