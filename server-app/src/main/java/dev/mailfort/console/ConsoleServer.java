/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.apache.james.lifecycle.api.Startable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import dev.mailfort.tls.TlsBootstrap;

/**
 * The console's HTTP(S) listener, on the JDK's built-in server: started once James is up, stopped with it.
 */
public class ConsoleServer implements Startable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsoleServer.class);
    static final int THREADS = 4;

    private final ConsoleSettings settings;
    private final ConsoleHttpHandler handler;
    private HttpServer server;
    private ExecutorService executor;

    @Inject
    ConsoleServer(ConsoleSettings settings, ConsoleHttpHandler handler) {
        this.settings = settings;
        this.handler = handler;
    }

    public synchronized void start() throws IOException, GeneralSecurityException {
        if (!settings.enabled()) {
            LOGGER.info("Console disabled (enabled=false in console.properties)");
            return;
        }
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        HttpServer created;
        if (settings.tls()) {
            HttpsServer https = HttpsServer.create(address, 50);
            https.setHttpsConfigurator(new HttpsConfigurator(serverTlsContext()));
            created = https;
        } else {
            created = HttpServer.create(address, 50);
        }
        created.createContext("/", handler);
        executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "console-http");
            thread.setDaemon(true);
            return thread;
        });
        created.setExecutor(executor);
        created.start();
        server = created;
        LOGGER.info("Console listening on {}://{}:{}", settings.tls() ? "https" : "http",
            settings.host(), server.getAddress().getPort());
    }

    /** The bound port (useful when the configured port is 0); -1 when not listening. */
    public synchronized int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    @PreDestroy
    public synchronized void stop() {
        if (server != null) {
            server.stop(1);
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
            LOGGER.info("Console stopped");
        }
    }

    // The keystore the protocol servers use, as prepared by TlsBootstrap before James started.
    private static SSLContext serverTlsContext() throws IOException, GeneralSecurityException {
        String keystorePath = System.getProperty(TlsBootstrap.KEYSTORE_PROPERTY);
        String password = System.getProperty(TlsBootstrap.KEYSTORE_PASSWORD_PROPERTY);
        String type = System.getProperty(TlsBootstrap.KEYSTORE_TYPE_PROPERTY, "PKCS12");
        if (keystorePath == null || password == null) {
            throw new GeneralSecurityException("console.properties has tls=true but the server's TLS keystore is not prepared");
        }
        KeyStore keystore = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(keystorePath.replaceFirst("^file://", "")))) {
            keystore.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keystore, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
