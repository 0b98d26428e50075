/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;

/** Which addresses an authenticated user may send as. */
@FunctionalInterface
interface OwnAddresses {

    boolean belongsTo(Username user, MailAddress address);
}
