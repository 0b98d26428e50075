/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.UidRange;
import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.request.SearchOperation;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;

import com.github.fge.lambdas.Throwing;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rewrites the key of a SEARCH before James's SEARCH processor sees it, for two bugs of James 3.8.1 (issue 12, item 3):
 * <ul>
 * <li>SENTON, SENTBEFORE and SENTSINCE compare the {@code Date:} header's day in GMT ({@link SentDate}). Each such key
 * is replaced by the set of UIDs whose header day matches, computed here from the headers.</li>
 * <li>The scanning search index ({@code SimpleMessageSearchIndex}) reads only the messages of the first UID set it
 * finds in the query, even one under NOT or OR ({@code NOT 2,4} found nothing, {@code OR 1 UID 3} only 1), and then
 * reads them without headers (a set with a header criterion found nothing). When a set is combined with anything
 * but other sets under AND, a criterion always true but opaque to that shortcut ({@code OR SEEN UNSEEN}) is put
 * first, so the index reads every message with what the criteria need.</li>
 * </ul>
 * Remove when the base's SEARCH passes {@code ImapProtocolBugsTest} without it.
 */
public class SearchKeyCorrectingProcessor implements ImapProcessor {
    private static final SearchKey OPAQUE_TO_SET_SHORTCUT = SearchKey.buildOr(SearchKey.buildSeen(), SearchKey.buildUnseen());

    private final ImapProcessor processors;
    private final MailboxManager mailboxManager;

    @Inject
    public SearchKeyCorrectingProcessor(MultiPatternListProcessor processors, MailboxManager mailboxManager) {
        this.processors = processors;
        this.mailboxManager = mailboxManager;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        if (!(message instanceof SearchRequest) || session.getSelected() == null) {
            return processors.processReactive(message, responder, session);
        }
        SearchRequest request = (SearchRequest) message;
        SearchKey key = request.getSearchOperation().getSearchKey();
        return sentDays(key, session)
            .map(sentDays -> corrected(withSentDatesResolved(key, sentDays)))
            .flatMap(correctedKey -> processors.processReactive(new SearchRequest(
                new SearchOperation(correctedKey, request.getSearchOperation().getResultOptions()),
                request.isUseUids(), request.getTag()), responder, session));
    }

    /** The sent day of every message of the selected mailbox, read only when the key has a SENT* criterion. */
    private Mono<Map<MessageUid, Optional<LocalDate>>> sentDays(SearchKey key, ImapSession session) {
        if (!contains(key, SentDate::isSentDateKey)) {
            return Mono.just(Map.of());
        }
        SelectedMailbox selected = session.getSelected();
        return Mono.from(mailboxManager.getMailboxReactive(selected.getMailboxId(), session.getMailboxSession()))
            .flatMapMany(mailbox -> mailbox.getMessagesReactive(MessageRange.all(), FetchGroup.HEADERS, session.getMailboxSession()))
            .collectMap(MessageResult::getUid, Throwing.function(SentDate::of).sneakyThrow());
    }

    private static SearchKey withSentDatesResolved(SearchKey key, Map<MessageUid, Optional<LocalDate>> sentDays) {
        if (SentDate.isSentDateKey(key)) {
            return SearchKey.buildUidSet(matchingRuns(sentDays, day -> SentDate.matches(key, day)));
        }
        return rebuilt(key, child -> withSentDatesResolved(child, sentDays));
    }

    /**
     * The matching messages as runs of consecutive messages, not one range per message: James tests a message
     * against each range in turn.
     */
    private static UidRange[] matchingRuns(Map<MessageUid, Optional<LocalDate>> sentDays, Predicate<LocalDate> matches) {
        List<UidRange> runs = new ArrayList<>();
        MessageUid runStart = null;
        MessageUid runEnd = null;
        for (Map.Entry<MessageUid, Optional<LocalDate>> message : new TreeMap<>(sentDays).entrySet()) {
            if (message.getValue().map(matches::test).orElse(false)) {
                runStart = runStart == null ? message.getKey() : runStart;
                runEnd = message.getKey();
            } else if (runStart != null) {
                runs.add(new UidRange(runStart, runEnd));
                runStart = null;
            }
        }
        if (runStart != null) {
            runs.add(new UidRange(runStart, runEnd));
        }
        return runs.toArray(UidRange[]::new);
    }

    private static SearchKey corrected(SearchKey key) {
        if (contains(key, SearchKeyCorrectingProcessor::isSet) && !isConjunctionOfSets(key)) {
            return SearchKey.buildAnd(ImmutableList.of(OPAQUE_TO_SET_SHORTCUT, key));
        }
        return key;
    }

    private static boolean isSet(SearchKey key) {
        return key.getType() == SearchKey.Type.TYPE_UID || key.getType() == SearchKey.Type.TYPE_SEQUENCE_SET;
    }

    private static boolean isConjunctionOfSets(SearchKey key) {
        if (key.getType() == SearchKey.Type.TYPE_AND) {
            return key.getKeys().stream().allMatch(SearchKeyCorrectingProcessor::isConjunctionOfSets);
        }
        return isSet(key);
    }

    private static boolean contains(SearchKey key, Predicate<SearchKey> wanted) {
        if (wanted.test(key)) {
            return true;
        }
        return isComposite(key) && key.getKeys().stream().anyMatch(child -> contains(child, wanted));
    }

    private static boolean isComposite(SearchKey key) {
        return key.getType() == SearchKey.Type.TYPE_AND || key.getType() == SearchKey.Type.TYPE_OR
            || key.getType() == SearchKey.Type.TYPE_NOT;
    }

    private static SearchKey rebuilt(SearchKey key, UnaryOperator<SearchKey> onChildren) {
        switch (key.getType()) {
            case TYPE_AND:
                List<SearchKey> children = new ArrayList<>();
                key.getKeys().forEach(child -> children.add(onChildren.apply(child)));
                return SearchKey.buildAnd(children);
            case TYPE_OR:
                return SearchKey.buildOr(onChildren.apply(key.getKeys().get(0)), onChildren.apply(key.getKeys().get(1)));
            case TYPE_NOT:
                return SearchKey.buildNot(onChildren.apply(key.getKeys().get(0)));
            default:
                return key;
        }
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }
}
