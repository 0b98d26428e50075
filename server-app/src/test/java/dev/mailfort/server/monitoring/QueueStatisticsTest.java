/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.mail.internet.MimeMessage;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.ManageableMailQueue.DefaultMailQueueItemView;
import org.apache.james.queue.api.ManageableMailQueue.MailQueueItemView;
import org.apache.james.server.core.MailImpl;
import org.junit.jupiter.api.Test;

class QueueStatisticsTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void theOldestAgeIsThatOfTheLeastRecentlyUpdatedMail() throws Exception {
        List<MailImpl> queued = List.of(mailUpdated(Duration.ofMinutes(3)), mailUpdated(Duration.ofMinutes(40)),
            mailUpdated(Duration.ofSeconds(5)));

        assertThat(statisticsOf(queued).oldestAge(CLOCK)).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void everyMailReadWhileBrowsingIsDisposedOf() throws Exception {
        List<MailImpl> browsed = List.of(mailUpdated(Duration.ofMinutes(1)), mailUpdated(Duration.ofMinutes(2)));

        statisticsOf(browsed).oldestAge(CLOCK);

        // MailImpl drops its message when disposed of; James's queues hand out a copy of the message per browse.
        assertThat(browsed).allSatisfy(mail -> assertThat(mail.getMessage()).isNull());
    }

    private static MailImpl mailUpdated(Duration ago) throws Exception {
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(
            "Subject: queued\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
        MailImpl mail = MailImpl.builder().name("mail-" + ago.toSeconds()).mimeMessage(message).build();
        mail.setLastUpdated(Date.from(NOW.minus(ago)));
        return mail;
    }

    /** A queue that only browses: the one method QueueStatistics's age calls. */
    private static QueueStatistics statisticsOf(List<MailImpl> mails) {
        Iterator<MailImpl> remaining = mails.iterator();
        ManageableMailQueue.MailQueueIterator browser = new ManageableMailQueue.MailQueueIterator() {
            @Override
            public boolean hasNext() {
                return remaining.hasNext();
            }

            @Override
            public MailQueueItemView next() {
                return new DefaultMailQueueItemView(remaining.next());
            }

            @Override
            public void close() {
            }
        };
        ManageableMailQueue queue = (ManageableMailQueue) Proxy.newProxyInstance(QueueStatisticsTest.class.getClassLoader(),
            new Class<?>[] {ManageableMailQueue.class}, (proxy, method, args) -> {
                if (method.getName().equals("browse")) {
                    return browser;
                }
                throw new UnsupportedOperationException(method.getName());
            });
        @SuppressWarnings("unchecked")
        MailQueueFactory<ManageableMailQueue> factory = (MailQueueFactory<ManageableMailQueue>) Proxy.newProxyInstance(
            QueueStatisticsTest.class.getClassLoader(), new Class<?>[] {MailQueueFactory.class}, (proxy, method, args) -> {
                if (method.getName().equals("getQueue")) {
                    return Optional.of(queue);
                }
                throw new UnsupportedOperationException(method.getName());
            });
        return new QueueStatistics(() -> factory, MailQueueFactory.SPOOL);
    }
}
