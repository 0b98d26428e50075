/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package org.apache.james.events;

/**
 * James's whole {@link EventDeadLettersContract}, made public: James declares it package-private, so a test class
 * in one of our packages cannot name it. Implement this interface to run every contract test.
 */
public interface EventDeadLettersContracts extends EventDeadLettersContract.AllContracts {
}
