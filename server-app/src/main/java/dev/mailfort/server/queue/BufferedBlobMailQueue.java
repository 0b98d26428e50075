/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.queue;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.activemq.BlobMessage;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.activemq.MimeMessageBlobMessageSource;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.server.core.MimeMessageWrapper;

/** James's ActiveMQ mail queue (mail content in files beside the broker), reading that content through a buffer. */
class BufferedBlobMailQueue extends ActiveMQCacheableMailQueue {

    BufferedBlobMailQueue(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decorators,
                          MailQueueName name, MetricFactory metrics, GaugeRegistry gauges) {
        super(connectionFactory, decorators, name, metrics, gauges);
    }

    @Override
    protected MimeMessage mimeMessage(Message message) throws MessagingException, JMSException {
        if (message instanceof BlobMessage blob) {
            return new MimeMessageWrapper(new BufferedBlobSource(new MimeMessageBlobMessageSource(blob)));
        }
        return super.mimeMessage(message);
    }
}
