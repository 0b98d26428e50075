/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Named;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Connection;

import dev.mailfort.server.queue.SpoolBacklog;
import reactor.core.publisher.Mono;

/**
 * Reads, five times a second, how many mails wait in the cluster's shared spool queue on RabbitMQ, for SMTP flow
 * control ({@link SpoolBacklog}). A passive declaration is one small round trip that the broker answers from its
 * own count; James's queue size would read its Cassandra view of the queue instead.
 *
 * <p>When the broker cannot be asked (not connected yet, restarting), the count is 0: flow control must never stop
 * intake because of its own blind spot, and accepted mail is safe either way.
 */
public final class SharedSpoolSampler {
    /** James's RabbitMQ work queue of the spool: {@code JamesMailQueue-workqueue-} and the mail queue's name. */
    static final String SPOOL_WORK_QUEUE = "JamesMailQueue-workqueue-spool";
    static final Duration PERIOD = Duration.ofMillis(200);
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedSpoolSampler.class);

    private final ReopeningChannel channel;
    private final SpoolBacklog backlog;
    private final ScheduledExecutorService timer;
    private boolean blind;

    @Inject
    SharedSpoolSampler(@Named(RabbitMQConnectionModule.CURRENT_CONNECTION) Mono<Connection> connection,
                       SpoolBacklog backlog) {
        this.channel = new ReopeningChannel(connection);
        this.backlog = backlog;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shared-spool-sampler");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sample, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sample() {
        try {
            long waiting = channel.get().map(open -> {
                try {
                    return open.messageCount(SPOOL_WORK_QUEUE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).block(Duration.ofSeconds(5));
            backlog.waitingInSharedQueue(waiting);
            if (blind) {
                LOGGER.info("SMTP flow control reads the shared spool's size again");
                blind = false;
            }
        } catch (RuntimeException e) {
            backlog.waitingInSharedQueue(0);
            if (!blind) {
                LOGGER.info("SMTP flow control cannot read the shared spool's size ({}): counting only this node's mail", e.toString());
                blind = true;
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
