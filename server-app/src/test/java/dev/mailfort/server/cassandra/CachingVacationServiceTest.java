/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.DefaultVacationService;
import org.apache.james.core.MailAddress;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.RecipientId;
import org.apache.james.vacation.api.Vacation;
import org.apache.james.vacation.api.VacationPatch;
import org.apache.james.vacation.api.VacationRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** How the vacation mailet's two questions are answered: it asks both at once, for each recipient of each mail. */
class CachingVacationServiceTest {
    private static final AccountId ALICE = AccountId.fromString("alice@example.com");

    private final CountingVacations vacations = new CountingVacations();
    private final CountingRegistry registry = new CountingRegistry();
    private CachingVacationService service;
    private RecipientId sender;

    @BeforeEach
    void setUp() throws Exception {
        service = new CachingVacationService(new DefaultVacationService(vacations, registry),
            new RecipientSettingsCache(Duration.ofMinutes(1)));
        sender = RecipientId.fromMailAddress(new MailAddress("bob@sender.example"));
    }

    @Test
    void aRecipientKnownToHaveNoVacationCostsNoReadAtAll() {
        askLikeTheMailet();
        int vacationReads = vacations.reads.get();
        int registryReads = registry.reads.get();

        askLikeTheMailet();
        askLikeTheMailet();

        assertThat(vacations.reads).hasValue(vacationReads);
        assertThat(registry.reads).hasValue(registryReads);
    }

    @Test
    void whetherTheSenderWasAnsweredIsStillAskedWhileTheVacationIsOn() {
        service.modifyVacation(ALICE, VacationPatch.builder().isEnabled(true).build()).block();
        registry.register(ALICE, sender, Optional.empty()).block();
        askLikeTheMailet();
        int registryReads = registry.reads.get();

        Pair answer = askLikeTheMailet();

        assertThat(answer.vacation().isEnabled()).isTrue();
        assertThat(answer.alreadyAnswered()).isTrue();
        assertThat(registry.reads).hasValue(registryReads + 1);
    }

    @Test
    void aVacationSwitchedOnThroughTheServiceCountsForTheNextMail() {
        assertThat(askLikeTheMailet().vacation().isEnabled()).isFalse();

        service.modifyVacation(ALICE, VacationPatch.builder().isEnabled(true).build()).block();

        assertThat(askLikeTheMailet().vacation().isEnabled()).isTrue();
    }

    @Test
    void aVacationSwitchedOffThroughTheServiceCountsForTheNextMail() {
        service.modifyVacation(ALICE, VacationPatch.builder().isEnabled(true).build()).block();
        assertThat(askLikeTheMailet().vacation().isEnabled()).isTrue();

        service.modifyVacation(ALICE, VacationPatch.builder().isEnabled(false).build()).block();

        assertThat(askLikeTheMailet().vacation().isEnabled()).isFalse();
    }

    private record Pair(Vacation vacation, boolean alreadyAnswered) {
    }

    /** The two questions together, as James's VacationMailet asks them. */
    private Pair askLikeTheMailet() {
        return Flux.combineLatest(service.retrieveVacation(ALICE), service.isNotificationRegistered(ALICE, sender),
            Pair::new).blockFirst();
    }

    private static class CountingVacations implements VacationRepository {
        private final Map<AccountId, Vacation> stored = new HashMap<>();
        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public Mono<Void> modifyVacation(AccountId accountId, VacationPatch patch) {
            return Mono.fromRunnable(() -> stored.put(accountId, patch.patch(stored.getOrDefault(accountId,
                VacationRepository.DEFAULT_VACATION))));
        }

        @Override
        public Mono<Vacation> retrieveVacation(AccountId accountId) {
            return Mono.fromCallable(() -> {
                reads.incrementAndGet();
                return stored.getOrDefault(accountId, VacationRepository.DEFAULT_VACATION);
            });
        }
    }

    private static class CountingRegistry implements NotificationRegistry {
        private final Set<String> answered = new HashSet<>();
        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public Mono<Void> register(AccountId accountId, RecipientId recipientId, Optional<ZonedDateTime> expiryDate) {
            return Mono.fromRunnable(() -> answered.add(accountId.getIdentifier() + recipientId.getAsString()));
        }

        @Override
        public Mono<Boolean> isRegistered(AccountId accountId, RecipientId recipientId) {
            return Mono.fromCallable(() -> {
                reads.incrementAndGet();
                return answered.contains(accountId.getIdentifier() + recipientId.getAsString());
            });
        }

        @Override
        public Mono<Void> flush(AccountId accountId) {
            return Mono.fromRunnable(() -> answered.removeIf(key -> key.startsWith(accountId.getIdentifier())));
        }
    }
}
