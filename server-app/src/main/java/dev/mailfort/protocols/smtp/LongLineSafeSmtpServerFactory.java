/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import javax.inject.Inject;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.smtpserver.netty.SMTPServer;
import org.apache.james.smtpserver.netty.SMTPServerFactory;

/**
 * Builds a {@link LongLineSafeSmtpServer} for every {@code <smtpserver>} of {@code smtpserver.xml}. Bound in place of
 * James's factory by {@link SmtpProtocolFixesModule}.
 */
public class LongLineSafeSmtpServerFactory extends SMTPServerFactory {
    private final InFlowGate inFlowGate;

    @Inject
    public LongLineSafeSmtpServerFactory(DNSService dns, ProtocolHandlerLoader loader, FileSystem fileSystem,
                                         MetricFactory metricFactory, InFlowGate inFlowGate) {
        super(dns, loader, fileSystem, metricFactory);
        this.inFlowGate = inFlowGate;
    }

    @Override
    protected SMTPServer createServer() {
        return new LongLineSafeSmtpServer(smtpMetrics, inFlowGate);
    }
}
