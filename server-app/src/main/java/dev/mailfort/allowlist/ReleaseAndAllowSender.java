/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.webadmin.quarantine.QuarantineReason;
import dev.mailfort.webadmin.quarantine.QuarantineService;
import dev.mailfort.webadmin.quarantine.ReleasedMail;

/**
 * "Release and allow sender" for a mail held as spam: every recipient of the mail allows its authenticated From
 * address from now on, and the mail goes back into the {@value #SPAM_PROCESSOR} processor, where the pipeline's
 * own {@link SenderIsAllowedByRecipient} decision now lets it through to the inbox. Going through the pipeline
 * rather than straight to delivery keeps one place that decides what an allow entry does.
 *
 * <p>Only for the {@value #SPAM_REASON} quarantine: allowing a sender says nothing about viruses or attachments,
 * which the list never bypasses. Refused when the held mail's From is not authenticated: the entry would never
 * apply (a forger's mail never matches), the mail would be held again, and the admin would be misled.
 */
public class ReleaseAndAllowSender {
    /** The quarantine whose mails can be released this way. */
    public static final String SPAM_REASON = "spam";
    /** Where the released mail re-enters the pipeline: the spam check, whose verdict the mail keeps. */
    public static final String SPAM_PROCESSOR = "spam-scan";

    private static final Logger LOGGER = LoggerFactory.getLogger(ReleaseAndAllowSender.class);

    /** What happened. {@code sender} and {@code released} are set for {@link Status#RELEASED} only. */
    public record Outcome(Status status, String sender, Optional<ReleasedMail> released) {
        static Outcome of(Status status) {
            return new Outcome(status, "", Optional.empty());
        }
    }

    public enum Status {
        RELEASED,
        /** No such mail in the spam quarantine. */
        NOT_FOUND,
        /** The reason is not the spam quarantine. */
        NOT_SPAM,
        /** The held mail's From address is not authenticated: nothing to allow. */
        SENDER_NOT_AUTHENTICATED
    }

    private record Held(Optional<String> sender, List<String> recipients) {
    }

    private final QuarantineService quarantine;
    private final SenderAllowList allowList;
    private final Clock clock;

    @Inject
    public ReleaseAndAllowSender(QuarantineService quarantine, SenderAllowList allowList) {
        this(quarantine, allowList, Clock.systemUTC());
    }

    ReleaseAndAllowSender(QuarantineService quarantine, SenderAllowList allowList, Clock clock) {
        this.quarantine = quarantine;
        this.allowList = allowList;
        this.clock = clock;
    }

    /** Whether the mail can be released this way: in the spam quarantine, with an authenticated From. */
    public Optional<String> allowableSender(QuarantineReason reason, MailKey key)
            throws MailRepositoryStore.MailRepositoryStoreException {
        if (!SPAM_REASON.equals(reason.name())) {
            return Optional.empty();
        }
        return quarantine.inspect(reason, key, ReleaseAndAllowSender::held).flatMap(Held::sender);
    }

    /** @param addedBy who asks, recorded on the entries */
    public Outcome releaseAndAllow(QuarantineReason reason, MailKey key, String addedBy)
            throws MailRepositoryStore.MailRepositoryStoreException, MessagingException {
        if (!SPAM_REASON.equals(reason.name())) {
            return Outcome.of(Status.NOT_SPAM);
        }
        Optional<Held> held = quarantine.inspect(reason, key, ReleaseAndAllowSender::held);
        if (held.isEmpty()) {
            return Outcome.of(Status.NOT_FOUND);
        }
        if (held.get().sender().isEmpty()) {
            return Outcome.of(Status.SENDER_NOT_AUTHENTICATED);
        }
        String sender = held.get().sender().get();
        // Entries first: the released mail may be processed before this method returns.
        for (String recipient : held.get().recipients()) {
            allowList.add(new AllowedSender(recipient, sender, addedBy, clock.instant()));
        }
        Optional<ReleasedMail> released = quarantine.release(reason, key, SPAM_PROCESSOR);
        if (released.isEmpty()) {
            return Outcome.of(Status.NOT_FOUND);
        }
        LOGGER.info("Sender {} allowed by {} (by {}); mail {} released", sender, held.get().recipients(), addedBy,
            key.asString());
        return new Outcome(Status.RELEASED, sender, released);
    }

    private static Held held(Mail mail) {
        return new Held(AuthenticatedFrom.of(mail),
            mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.toList()));
    }
}
