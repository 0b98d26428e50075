/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.pop3;

import org.apache.james.pop3server.netty.POP3ServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Our corrections to James 3.8.1's POP3 server, to be installed over James's {@code POP3ServerModule} with
 * {@code Modules.override}: connections over the configured limits get {@code -ERR [SYS/TEMP]} before the close
 * ({@link PoliteLimitsPop3Server}).
 */
public class Pop3ProtocolFixesModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(POP3ServerFactory.class).to(PoliteLimitsPop3ServerFactory.class).in(Scopes.SINGLETON);
    }
}
