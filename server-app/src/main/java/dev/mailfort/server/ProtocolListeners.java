/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.inject.Inject;

import org.apache.james.protocols.lib.netty.AbstractConfigurableAsyncServer;
import org.apache.james.protocols.lib.netty.AbstractServerFactory;
import org.apache.james.utils.GuiceProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Injector;
import com.google.inject.Key;

/**
 * Closes every protocol listener (SMTP, submission, IMAP, POP3, LMTP, ManageSieve) at the same time when the server
 * stops.
 *
 * <p>James disposes its protocol servers one after the other, and each waits until its event loops have been idle for
 * netty's quiet period (2 s): with our eight listeners a stop took about 18 s, longer than Docker's default stop
 * timeout (10 s), after which the JVM is killed half-way through its shutdown. Closed together they take one quiet
 * period; James's own dispose then finds them closed and goes on with the spooler and the queue.
 */
public class ProtocolListeners implements GuiceProbe {
    private static final Logger LOGGER = LoggerFactory.getLogger(ProtocolListeners.class);
    /** Netty gives up waiting for idle event loops after 15 s: this only bounds a listener that hangs. */
    private static final Duration MOST_WE_WAIT = Duration.ofSeconds(20);

    private final Injector injector;

    @Inject
    ProtocolListeners(Injector injector) {
        this.injector = injector;
    }

    /** Stops accepting on every port and closes the open connections; returns once all listeners are closed. */
    public void closeTogether() {
        List<Runnable> unbinds = servers().stream().map(server -> (Runnable) server::unbind).toList();
        closeTogether(unbinds, MOST_WE_WAIT);
    }

    static void closeTogether(List<Runnable> unbinds, Duration mostWeWait) {
        CompletableFuture<?>[] closing = unbinds.stream()
            .map(unbind -> CompletableFuture.runAsync(unbind, runnable -> {
                Thread thread = new Thread(runnable, "mailfort-close-listener");
                thread.setDaemon(true);
                thread.start();
            }))
            .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(mostWeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // James's dispose closes what is left, one listener after the other.
            LOGGER.warn("Closing the protocol listeners together failed", e.getCause());
        } catch (TimeoutException e) {
            LOGGER.warn("Protocol listeners still closing after {}: stopping the rest of the server anyway", mostWeWait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Set<AbstractConfigurableAsyncServer> servers() {
        // Only the modules' own bindings: a just-in-time one would build a new factory that never started a server.
        // A factory bound under two keys (ours replaces James's SMTP one) gives its servers once.
        Set<AbstractConfigurableAsyncServer> servers = Collections.newSetFromMap(new IdentityHashMap<>());
        injector.getBindings().keySet().stream()
            .filter(key -> AbstractServerFactory.class.isAssignableFrom(key.getTypeLiteral().getRawType()))
            .map(key -> (AbstractServerFactory) injector.getInstance((Key<?>) key))
            .map(AbstractServerFactory::getServers)
            .filter(Objects::nonNull)
            .forEach(servers::addAll);
        return servers;
    }
}
