/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.decode.ImapDecoder;
import org.apache.james.imap.encode.ImapEncoder;
import org.apache.james.imapserver.netty.IMAPServer;
import org.apache.james.imapserver.netty.IMAPServerFactory;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;

/**
 * Builds {@link PipeliningSafeImapServer}s for every {@code <imapserver>} of {@code imapserver.xml}. Bound in place
 * of James's {@link IMAPServerFactory} by {@code MailfortServer}.
 *
 * <p>Remove together with {@link PipeliningSafeImapRequestDecoder}.
 */
public class PipeliningSafeImapServerFactory extends IMAPServerFactory {
    @Inject
    public PipeliningSafeImapServerFactory(FileSystem fileSystem, Provider<ImapDecoder> decoder,
                                           Provider<ImapEncoder> encoder, Provider<ImapProcessor> processor,
                                           MetricFactory metricFactory, GaugeRegistry gaugeRegistry) {
        super(fileSystem, decoder, encoder, processor, metricFactory, gaugeRegistry);
    }

    @Override
    protected IMAPServer createServer() {
        return new PipeliningSafeImapServer(decoder.get(), encoder.get(), processor.get(), imapMetrics, gaugeRegistry);
    }
}
