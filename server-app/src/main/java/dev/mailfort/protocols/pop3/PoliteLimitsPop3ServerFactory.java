/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.pop3;

import org.apache.james.pop3server.netty.POP3Server;
import org.apache.james.pop3server.netty.POP3ServerFactory;

/**
 * Builds a {@link PoliteLimitsPop3Server} for every {@code <pop3server>} of {@code pop3server.xml}. Bound in place
 * of James's {@link POP3ServerFactory} by {@link Pop3ProtocolFixesModule}; James injects its loader and file system
 * through the inherited setters.
 */
public class PoliteLimitsPop3ServerFactory extends POP3ServerFactory {
    @Override
    protected POP3Server createServer() {
        return new PoliteLimitsPop3Server();
    }
}
