/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

/** A local node did not come up; the message says why and ends with the last lines of the node's log if any. */
public class CassandraStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CassandraStartException(String message) {
        super(message);
    }

    public CassandraStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
