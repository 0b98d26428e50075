/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.webadmin.quarantine;

/** The storage behind a quarantine failed (Cassandra down, a blob missing): a server error, not the request's. */
public class QuarantineUnavailableException extends RuntimeException {
    public QuarantineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
