/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.testing;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Test-only mailet that never finishes: with it first in the root processor, the pipeline takes mail off the spool
 * and never completes it, which is how a test freezes mail between the 250 reply and delivery.
 */
public class HoldMailForever extends GenericMailet {
    @Override
    public void service(Mail mail) {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("held mail interrupted", e);
        }
    }
}
