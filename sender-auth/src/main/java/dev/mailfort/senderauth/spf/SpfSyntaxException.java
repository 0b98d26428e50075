/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.spf;

/** An SPF record or macro that does not follow the RFC 7208 grammar: the check ends in permerror. */
public final class SpfSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public SpfSyntaxException(String message) {
        super(message);
    }
}
