/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.protocols.imap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.message.BodyFetchElement;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.SectionType;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.FetchResponse;
import org.apache.james.imap.message.response.FetchResponse.BodyElement;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * Corrects the FETCH sections that go through an encapsulated message (issue 12, item 2, see
 * {@link EncapsulatedMessageSections}). A FETCH asking for numbered sections also gets the whole message from
 * James ({@code BODY.PEEK[]}, not sent unless the client asked for it); each numbered section that meets a
 * {@code message/rfc822} entity is then recomputed from it. Flags, \Seen and every other item stay James's.
 *
 * <p>Remove with {@link EncapsulatedMessageSections} when James's part walker passes {@code ImapProtocolBugsTest}.
 */
public class EncapsulatedMessageSectionsProcessor implements ImapProcessor {
    private static final String WHOLE_MESSAGE = "BODY[]";

    private final ImapProcessor processors;

    @Inject
    public EncapsulatedMessageSectionsProcessor(SeenMarkedInOneUpdateFetchProcessor processors) {
        this.processors = processors;
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        if (!(message instanceof FetchRequest)) {
            return processors.processReactive(message, responder, session);
        }
        FetchRequest request = (FetchRequest) message;
        List<BodyFetchElement> numbered = request.getFetch().getBodyElements().stream()
            .filter(element -> element.getPath() != null && element.getPath().length > 0)
            .collect(ImmutableList.toImmutableList());
        if (numbered.isEmpty()) {
            return processors.processReactive(message, responder, session);
        }
        boolean wholeRequested = request.getFetch().getBodyElements().stream()
            .anyMatch(element -> responseName(element).equals(WHOLE_MESSAGE));
        FetchData withWhole = withWholeMessage(request.getFetch());
        return processors.processReactive(new FetchRequest(request.isUseUids(), request.getIdSet(), withWhole, request.getTag()),
            new SectionCorrectingResponder(responder, numbered, wholeRequested), session);
    }

    /**
     * The same FETCH items plus the whole message, peeked. Built item by item: James's {@code FetchData.Builder.from}
     * would also ask for MODSEQ, which turns CONDSTORE on.
     */
    private static FetchData withWholeMessage(FetchData fetch) {
        FetchData.Builder builder = FetchData.builder();
        for (FetchData.Item item : FetchData.Item.values()) {
            if (fetch.contains(item)) {
                builder.fetch(item);
            }
        }
        if (fetch.getChangedSince() != -1) {
            builder.changedSince(fetch.getChangedSince());
        }
        builder.vanished(fetch.getVanished());
        fetch.getBodyElements().forEach(element -> builder.add(element, !fetch.isSetSeen()));
        return builder.add(new BodyFetchElement(WHOLE_MESSAGE, SectionType.CONTENT, null, null, null, null), true)
            .build();
    }

    private static String responseName(BodyFetchElement element) {
        return element.getFirstOctet() == null ? element.getResponseName()
            : element.getResponseName() + "<" + element.getFirstOctet() + ">";
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        processors.configure(imapConfiguration);
    }

    private static final class SectionCorrectingResponder implements Responder {
        private final Responder responder;
        private final List<BodyFetchElement> numbered;
        private final boolean wholeRequested;

        SectionCorrectingResponder(Responder responder, List<BodyFetchElement> numbered, boolean wholeRequested) {
            this.responder = responder;
            this.numbered = numbered;
            this.wholeRequested = wholeRequested;
        }

        @Override
        public void respond(ImapResponseMessage message) {
            if (message instanceof FetchResponse && ((FetchResponse) message).getElements() != null) {
                responder.respond(corrected((FetchResponse) message));
            } else {
                responder.respond(message);
            }
        }

        private FetchResponse corrected(FetchResponse response) {
            Optional<BodyElement> whole = response.getElements().stream()
                .filter(element -> element.getName().equals(WHOLE_MESSAGE))
                .findFirst();
            if (whole.isEmpty()) {
                return response;
            }
            byte[] content = bytes(whole.get());
            ImmutableList.Builder<BodyElement> elements = ImmutableList.builder();
            for (BodyElement element : response.getElements()) {
                if (element == whole.get() && !wholeRequested) {
                    continue;
                }
                elements.add(numbered.stream()
                    .filter(asked -> responseName(asked).equals(element.getName()))
                    .findFirst()
                    .flatMap(asked -> EncapsulatedMessageSections.of(content, asked)
                        .map(section -> (BodyElement) new SectionElement(element.getName(), slice(section, asked))))
                    .orElse(element));
            }
            return FetchResponseCopies.withElements(response, elements.build());
        }

        private static byte[] slice(byte[] section, BodyFetchElement asked) {
            if (asked.getFirstOctet() == null) {
                return section;
            }
            int from = (int) Math.min(asked.getFirstOctet(), section.length);
            long wanted = Optional.ofNullable(asked.getNumberOfOctets()).orElse((long) section.length);
            return Arrays.copyOfRange(section, from, (int) Math.min(section.length, from + wanted));
        }

        private static byte[] bytes(BodyElement element) {
            try (InputStream in = element.getInputStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush() {
            responder.flush();
        }
    }

    private static final class SectionElement implements BodyElement {
        private final String name;
        private final byte[] content;

        SectionElement(String name, byte[] content) {
            this.name = name;
            this.content = content;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public long size() {
            return content.length;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(content);
        }
    }
}
