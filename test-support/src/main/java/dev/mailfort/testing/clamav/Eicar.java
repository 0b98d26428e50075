/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.testing.clamav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The EICAR anti-virus test file, built at run time, and archives holding it.
 *
 * <p>The string is kept in two pieces, joined only when a test asks for it, so that neither this source file nor
 * its class file holds it whole: a virus scanner looking at the working tree or the build output has nothing to
 * report.
 */
public final class Eicar {
    /** The name under which {@link ClamdExtension}'s signature file knows EICAR. */
    public static final String SIGNATURE_NAME = "Eicar-Test-Signature";
    /**
     * The name clamd reports: it marks every signature that is not from the official ClamAV databases with
     * {@code .UNOFFICIAL}.
     */
    public static final String REPORTED_SIGNATURE_NAME = SIGNATURE_NAME + ".UNOFFICIAL";

    private static final String FIRST_PIECE = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR";
    private static final String SECOND_PIECE = "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private Eicar() {
    }

    public static String text() {
        return new StringBuilder(FIRST_PIECE).append(SECOND_PIECE).toString();
    }

    public static byte[] bytes() {
        return text().getBytes(StandardCharsets.US_ASCII);
    }

    /** A zip archive with EICAR as its only entry, {@code eicar.com}. */
    public static byte[] inZip() {
        return zip("eicar.com", bytes());
    }

    /** A zip archive holding {@code eicar.zip}, itself holding {@code eicar.com}. */
    public static byte[] inZipInZip() {
        return zip("eicar.zip", inZip());
    }

    /** A line of a ClamAV {@code .hdb} file (MD5 hash, size, name) that detects EICAR as {@link #SIGNATURE_NAME}. */
    public static String hdbSignature() {
        byte[] eicar = bytes();
        return md5Hex(eicar) + ":" + eicar.length + ":" + SIGNATURE_NAME;
    }

    static String md5Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }

    private static byte[] zip(String entryName, byte[] content) {
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(archive)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive.toByteArray();
    }
}
