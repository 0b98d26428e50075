/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.tls;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A one-connection TLS echo server on 127.0.0.1 and a client that trusts exactly one certificate. */
final class LoopbackTlsEcho {
    private static final int TIMEOUT_MILLIS = 10_000;

    private LoopbackTlsEcho() {
    }

    static SSLContext serverContext(Path keystore, String type, char[] password) throws Exception {
        KeyStore keyStore = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(keystore)) {
            keyStore.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keyStore, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /**
     * Connects to 127.0.0.1 but verifies the server certificate against {@code expectedHostname}, the way a mail
     * client configured with that server name does, and returns what the server echoed.
     */
    static String echoThroughHandshake(SSLContext serverContext, X509Certificate trusted, String expectedHostname)
            throws Exception {
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(TIMEOUT_MILLIS);
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> echoOnce(server));
            try {
                return talk(clientContext(trusted), server.getLocalPort(), expectedHostname);
            } finally {
                serving.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static void echoOnce(SSLServerSocket server) {
        try (Socket connection = server.accept()) {
            connection.setSoTimeout(TIMEOUT_MILLIS);
            BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
            String line = reader.readLine();
            if (line != null) {
                OutputStream out = connection.getOutputStream();
                out.write(("echo " + line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (Exception e) {
            // A refused handshake is the client's result to report; the server side just ends.
        }
    }

    private static String talk(SSLContext clientContext, int port, String expectedHostname) throws Exception {
        Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        plain.setSoTimeout(TIMEOUT_MILLIS);
        try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket(plain, expectedHostname, port, true)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(List.of(new SNIHostName(expectedHostname)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            socket.getOutputStream().write("hello\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static SSLContext clientContext(X509Certificate trusted) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", trusted);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
