/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.managesieve;

import org.apache.james.managesieveserver.netty.ManageSieveServerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * Installed over James's {@code ManageSieveServerModule} with {@code Modules.override}: the ManageSieve servers
 * refuse AUTHENTICATE before STARTTLS ({@link AuthenticateOnlyOverTls}).
 */
public class ManageSieveAuthOverTlsOnlyModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(ManageSieveServerFactory.class).to(TlsOnlyAuthManageSieveServerFactory.class).in(Scopes.SINGLETON);
    }
}
