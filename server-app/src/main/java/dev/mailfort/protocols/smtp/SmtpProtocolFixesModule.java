/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.james.smtpserver.netty.SMTPServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Our corrections to James 3.8.1's SMTP server, installed over James's {@code SMTPServerModule} with
 * {@code Modules.override}. Each binding names the class that documents the bug it works around.
 */
public class SmtpProtocolFixesModule extends AbstractModule {
    @Override
    protected void configure() {
        // Two replies to a DATA with an overlong line (issue 7, item 4): OverlongDataLineGuard. STARTTLS command
        // injection unchecked after the first DATA of a session: IncrementalScanLineFramer.
        bind(SMTPServerFactory.class).to(LongLineSafeSmtpServerFactory.class).in(Scopes.SINGLETON);
    }
}
