/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cluster;

import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.mailet.Mail;

import dev.mailfort.server.queue.SpoolBacklog;

/**
 * Counts, in {@link SpoolBacklog}, the shared spool's mails this node has taken and not yet finished. Whatever the
 * outcome of {@code done} (acknowledged, requeued by RETRY, dead-lettered by REJECT), the mail has left this node:
 * a requeued one is counted again among the queue's waiting mails.
 */
final class CountProcessingOfSharedSpool {
    private final SpoolBacklog backlog;

    CountProcessingOfSharedSpool(SpoolBacklog backlog) {
        this.backlog = backlog;
    }

    MailQueueItem taken(MailQueueItem item) {
        backlog.added();
        return new MailQueueItem() {
            @Override
            public Mail getMail() {
                return item.getMail();
            }

            @Override
            public void done(CompletionStatus status) throws MailQueueException {
                try {
                    item.done(status);
                } finally {
                    backlog.completed();
                }
            }
        };
    }
}
