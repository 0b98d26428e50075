/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ExpiringAnswersTest {
    private final AtomicInteger reads = new AtomicInteger();

    private Mono<String> read(String value) {
        return Mono.fromCallable(() -> {
            reads.incrementAndGet();
            return value;
        });
    }

    @Test
    void aKeptAnswerIsGivenWithoutReadingAgain() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));

        assertThat(answers.get("alice", () -> read("off")).block()).isEqualTo("off");
        assertThat(answers.get("alice", () -> read("on")).block()).isEqualTo("off");

        assertThat(reads).hasValue(1);
        assertThat(answers.known("alice")).contains("off");
    }

    @Test
    void answersAreKeptPerKey() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));

        answers.get("alice", () -> read("off")).block();

        assertThat(answers.get("bob", () -> read("on")).block()).isEqualTo("on");
        assertThat(answers.known("carol")).isEmpty();
    }

    @Test
    void aForgottenAnswerIsReadAgain() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));
        answers.get("alice", () -> read("off")).block();

        answers.forget("alice");

        assertThat(answers.get("alice", () -> read("on")).block()).isEqualTo("on");
    }

    @Test
    void forgettingAllReadsEveryKeyAgain() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));
        answers.get("alice", () -> read("1")).block();
        answers.get("bob", () -> read("1")).block();

        answers.forgetAll();

        assertThat(answers.known("alice")).isEmpty();
        assertThat(answers.known("bob")).isEmpty();
    }

    @Test
    void anAnswerReadWhileAChangeWasForgottenIsNotKept() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));
        Sinks.One<String> slowRead = Sinks.one();
        Mono<String> underWay = answers.get("alice", slowRead::asMono);
        underWay.subscribe();

        // The change lands while the read is under way: what the read brings back may be from before it.
        answers.forget("alice");
        slowRead.tryEmitValue("before the change");

        assertThat(answers.known("alice")).isEmpty();
        assertThat(answers.get("alice", () -> read("after the change")).block()).isEqualTo("after the change");
    }

    @Test
    void answersExpire() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMillis(200));
        answers.get("alice", () -> read("off")).block();

        await().atMost(Duration.ofSeconds(5)).until(() -> answers.known("alice").isEmpty());

        assertThat(answers.get("alice", () -> read("on")).block()).isEqualTo("on");
    }

    @Test
    void onlyTheAnswersWorthKeepingAreKept() {
        ExpiringAnswers<String, Boolean> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));

        assertThat(answers.get("alice", () -> Mono.just(true), exists -> exists).block()).isTrue();
        assertThat(answers.get("bob", () -> Mono.just(false), exists -> exists).block()).isFalse();

        assertThat(answers.known("alice")).contains(true);
        assertThat(answers.known("bob")).isEmpty();
    }

    @Test
    void aZeroExpiryKeepsNothing() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ZERO);

        answers.get("alice", () -> read("off")).block();
        answers.get("alice", () -> read("off")).block();

        assertThat(reads).hasValue(2);
        assertThat(answers.known("alice")).isEmpty();
    }

    @Test
    void aFailedReadIsNotKept() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));

        Mono<String> failing = answers.get("alice", () -> Mono.error(new IllegalStateException("Cassandra down")));

        assertThat(failing.onErrorResume(e -> Mono.just(e.getMessage())).block()).isEqualTo("Cassandra down");
        assertThat(answers.known("alice")).isEmpty();
    }

    @Test
    void aBlockingReadIsKeptAndGivenWithoutReadingAgain() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));

        assertThat(answers.getBlocking("alice", () -> read("off").block())).isEqualTo("off");
        assertThat(answers.getBlocking("alice", () -> read("on").block())).isEqualTo("off");

        assertThat(reads).hasValue(1);
    }

    @Test
    void aBlockingReadDuringWhichAChangeWasForgottenIsNotKept() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));

        String underWay = answers.getBlocking("alice", () -> {
            answers.forget("alice");
            return "before the change";
        });

        assertThat(underWay).isEqualTo("before the change");
        assertThat(answers.known("alice")).isEmpty();
    }

    @Test
    void aBlockingReadFailsWithItsOwnCheckedExceptionAndKeepsNothing() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ofMinutes(1));
        Exception storageDown = new Exception("Cassandra down");

        assertThatThrownBy(() -> answers.getBlocking("alice", () -> {
            throw storageDown;
        })).isSameAs(storageDown);
        assertThat(answers.known("alice")).isEmpty();
    }

    @Test
    void aZeroExpiryMakesEveryBlockingReadRead() {
        ExpiringAnswers<String, String> answers = ExpiringAnswers.keptFor(Duration.ZERO);

        answers.getBlocking("alice", () -> read("off").block());
        answers.getBlocking("alice", () -> read("off").block());

        assertThat(reads).hasValue(2);
    }
}
