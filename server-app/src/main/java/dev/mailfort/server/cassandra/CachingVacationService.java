/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.cassandra;

import java.time.ZonedDateTime;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.DefaultVacationService;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.RecipientId;
import org.apache.james.vacation.api.Vacation;
import org.apache.james.vacation.api.VacationPatch;
import org.apache.james.vacation.api.VacationService;

import reactor.core.publisher.Mono;

/**
 * James's vacation service, with each user's vacation settings kept for {@link RecipientSettingsCache#expiry()}.
 *
 * <p>The {@code VacationMailet} reads, for every recipient of every delivered message, the recipient's vacation and
 * whether the sender was already answered: two reads, for users who are almost all at work. With the settings kept,
 * a recipient known to have no vacation switched on costs no read at all; whether the sender was answered is only
 * asked when the answer can matter. A change made through this server (WebAdmin) counts for the next message; one
 * made through another node of a cluster within the expiry.
 */
public class CachingVacationService implements VacationService {
    private final DefaultVacationService vacations;
    private final ExpiringAnswers<AccountId, Vacation> settings;

    @Inject
    public CachingVacationService(DefaultVacationService vacations, RecipientSettingsCache cache) {
        this.vacations = vacations;
        this.settings = cache.newAnswers();
    }

    @Override
    public Mono<Void> modifyVacation(AccountId accountId, VacationPatch vacationPatch) {
        return vacations.modifyVacation(accountId, vacationPatch)
            .doOnTerminate(() -> settings.forget(accountId));
    }

    @Override
    public Mono<Vacation> retrieveVacation(AccountId accountId) {
        return settings.get(accountId, () -> vacations.retrieveVacation(accountId));
    }

    /**
     * Deferred so that it runs after {@link #retrieveVacation} was subscribed: the mailet asks both at once, and a
     * kept vacation is known by then.
     */
    @Override
    public Mono<Boolean> isNotificationRegistered(AccountId accountId, RecipientId recipientId) {
        return Mono.defer(() -> {
            if (knownToBeOff(accountId)) {
                return Mono.just(false);
            }
            return vacations.isNotificationRegistered(accountId, recipientId);
        });
    }

    @Override
    public Mono<Void> registerNotification(AccountId accountId, RecipientId recipientId,
                                           Optional<ZonedDateTime> expiryDate) {
        return vacations.registerNotification(accountId, recipientId, expiryDate);
    }

    @Override
    public Mono<Void> flushNotifications(AccountId accountId) {
        return vacations.flushNotifications(accountId);
    }

    private boolean knownToBeOff(AccountId accountId) {
        return settings.known(accountId).map(vacation -> !vacation.isEnabled()).orElse(false);
    }
}
