/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueue.MailQueueException;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;

/**
 * Tells {@link SpoolBacklog} when the spooler has committed a spool mail, after James's own decorators (metrics).
 *
 * <p>Only a successful commit counts: RETRY and REJECT roll the JMS session back, so the mail is still in the spool.
 */
class CountSpoolCompletions implements MailQueueItemDecoratorFactory {
    private final MailQueueItemDecoratorFactory jamesDecorators;
    private final SpoolBacklog backlog;

    CountSpoolCompletions(MailQueueItemDecoratorFactory jamesDecorators, SpoolBacklog backlog) {
        this.jamesDecorators = jamesDecorators;
        this.backlog = backlog;
    }

    @Override
    public MailQueueItemDecorator decorate(MailQueueItem item, MailQueueName name) {
        MailQueueItemDecorator decorated = jamesDecorators.decorate(item, name);
        if (!name.equals(MailQueueFactory.SPOOL)) {
            return decorated;
        }
        return new MailQueueItemDecorator(decorated) {
            @Override
            public Mail getMail() {
                return mailQueueItem.getMail();
            }

            @Override
            public void done(CompletionStatus status) throws MailQueueException {
                mailQueueItem.done(status);
                if (status == CompletionStatus.SUCCESS) {
                    backlog.completed();
                }
            }
        };
    }
}
