/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

/** What the transport map does with the recipients of one entry. */
public enum RouteAction {
    /** Left to the rest of the transport processor: our users' mailboxes, as without a map. */
    LOCAL,
    /** Remote delivery to the hosts named by the domain's MX records. */
    MX,
    /** Remote delivery through one smarthost, whatever the domain's MX records say. */
    RELAY,
    /** Refused: at RCPT during the SMTP dialogue, and by a DSN (authenticated senders only) for mail already taken. */
    REJECT,
    /** Kept in a mail repository until an administrator releases it. */
    HOLD
}
