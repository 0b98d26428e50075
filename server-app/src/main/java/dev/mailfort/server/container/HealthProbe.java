/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The image's HEALTHCHECK: asks WebAdmin's {@code /healthcheck} on loopback, where WebAdmin listens inside the
 * container, and exits 0 when it answers 200 (James answers 200 for healthy and degraded, 503 for unhealthy), 1
 * otherwise. A class of the server jar rather than curl keeps the image small; it loads nothing but the JDK.
 *
 * <p>Usage: {@code HealthProbe [WORKING_DIRECTORY]}: the port is read from its {@code conf/webadmin.properties}.
 */
public final class HealthProbe {
    private static final int TIMEOUT_MILLIS = 5000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        Path workingDirectory = args.length > 0 ? Path.of(args[0]) : ContainerLayout.IMAGE.workingDirectory();
        System.exit(check(healthUri(workingDirectory), System.out));
    }

    static URI healthUri(Path workingDirectory) {
        return URI.create(WebAdminAddress.of(workingDirectory) + "/healthcheck");
    }

    /** The exit code: 0 healthy, 1 not. What WebAdmin answered goes to {@code out}, for the health log. */
    static int check(URI uri, PrintStream out) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            out.println(status + " " + text);
            return status == 200 ? 0 : 1;
        } catch (IOException e) {
            out.println("No answer from " + uri + ": " + e);
            return 1;
        }
    }
}
