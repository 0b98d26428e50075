/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;

class FailedOnBackendOutageTest {

    @Test
    void matchesAMailetFailureCausedByCassandraBeingUnreachable() throws Exception {
        Throwable thrown = new MessagingException("Could not store the message",
            new IllegalStateException("reactive wrapper", AllNodesFailedException.fromErrors(List.of())));

        assertThat(matcher("").match(failedWith(thrown))).hasSize(2);
    }

    @Test
    void matchesACassandraTimeoutGivenAsMessagingExceptionsNextException() throws Exception {
        MessagingException thrown = new MessagingException("delivery failed",
            new RuntimeException("wrapped", new DriverTimeoutException("Query timed out after PT5S")));

        assertThat(matcher("").match(failedWith(thrown))).hasSize(2);
    }

    @Test
    void matchesATimeout() throws Exception {
        assertThat(matcher("").match(failedWith(new RuntimeException(new TimeoutException())))).hasSize(2);
    }

    @Test
    void doesNotMatchAFailureOfTheMailItself() throws Exception {
        Throwable thrown = new MessagingException("Unable to parse the message", new IllegalArgumentException("bad header"));

        assertThat(matcher("").match(failedWith(thrown))).isEmpty();
    }

    @Test
    void doesNotMatchMailWithoutARecordedError() throws Exception {
        assertThat(matcher("").match(mail().build())).isEmpty();
    }

    @Test
    void readsTheErrorMessageWhenTheExceptionItselfIsGone() throws Exception {
        Mail mail = mail().errorMessage("Exception calling LocalDelivery: \n"
            + "com.datastax.oss.driver.api.core.AllNodesFailedException: All 1 node(s) tried for the query failed").build();

        assertThat(matcher("").match(mail)).hasSize(2);
    }

    @Test
    void theConditionReplacesTheDefaultPrefixes() throws Exception {
        Throwable thrown = new MessagingException("x", new IllegalStateException("queue broker away"));

        assertThat(matcher("java.lang.IllegalStateException").match(failedWith(thrown))).hasSize(2);
        assertThat(matcher("java.lang.IllegalStateException").match(failedWith(new DriverTimeoutException("t")))).isEmpty();
    }

    private static FailedOnBackendOutage matcher(String condition) throws MessagingException {
        FailedOnBackendOutage matcher = new FailedOnBackendOutage();
        matcher.init(FakeMatcherConfig.builder().matcherName("FailedOnBackendOutage").condition(condition).build());
        return matcher;
    }

    private static Mail failedWith(Throwable thrown) throws MessagingException {
        return mail().attribute(new Attribute(Mail.MAILET_ERROR, AttributeValue.ofUnserializable(thrown))).build();
    }

    private static FakeMail.Builder mail() throws MessagingException {
        return FakeMail.builder().name("mail").recipients("ann@example.com", "ben@example.com");
    }
}
