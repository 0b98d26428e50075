/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dmarc;

/** A DMARC record that cannot be used: no valid p= (or an invalid sp=) and no rua= to fall back on. */
public final class DmarcSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    public DmarcSyntaxException(String message) {
        super(message);
    }
}
