/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueue.MailQueueItem.CompletionStatus;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;

import dev.mailfort.server.queue.SpoolBacklog;

class CountProcessingOfSharedSpoolTest {
    private final SpoolBacklog backlog = new SpoolBacklog();
    private final CountProcessingOfSharedSpool count = new CountProcessingOfSharedSpool(backlog);
    private final AtomicInteger wakeUps = new AtomicInteger();

    CountProcessingOfSharedSpoolTest() {
        backlog.onCompletion(wakeUps::incrementAndGet);
    }

    @Test
    void aTakenMailCountsUntilItIsDoneWhateverTheOutcome() throws Exception {
        List<CompletionStatus> seen = new ArrayList<>();
        MailQueueItem first = count.taken(item(seen, false));
        MailQueueItem second = count.taken(item(seen, false));
        MailQueueItem third = count.taken(item(seen, false));
        assertThat(backlog.size()).isEqualTo(3);

        first.done(CompletionStatus.SUCCESS);
        second.done(CompletionStatus.RETRY);
        third.done(CompletionStatus.REJECT);

        assertThat(seen).containsExactly(CompletionStatus.SUCCESS, CompletionStatus.RETRY, CompletionStatus.REJECT);
        assertThat(backlog.size()).isZero();
        assertThat(wakeUps).hasValue(3);
    }

    @Test
    void aFailedAcknowledgementStillLeavesThisNode() throws Exception {
        MailQueueItem taken = count.taken(item(new ArrayList<>(), true));

        assertThatThrownBy(() -> taken.done(CompletionStatus.SUCCESS)).isInstanceOf(MailQueueException.class);

        assertThat(backlog.size()).isZero();
    }

    @Test
    void theMailIsTheQueuesOwn() throws Exception {
        MailQueueItem original = item(new ArrayList<>(), false);

        assertThat(count.taken(original).getMail()).isSameAs(original.getMail());
    }

    private static MailQueueItem item(List<CompletionStatus> seen, boolean failing) throws Exception {
        Mail mail = MailImpl.builder().name("mail-" + seen.size()).build();
        return new MailQueueItem() {
            @Override
            public Mail getMail() {
                return mail;
            }

            @Override
            public void done(CompletionStatus status) throws MailQueueException {
                if (failing) {
                    throw new MailQueueException("broker gone");
                }
                seen.add(status);
            }
        };
    }
}
