/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.search;

import org.apache.james.FakeMessageSearchIndex;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.store.extractor.JsoupTextExtractor;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

/**
 * IMAP SEARCH without a search engine: each search reads the mailbox from Cassandra.
 *
 * <p>Always consistent with the mailbox (there is no index to lose or rebuild), at a cost linear in the mailbox size;
 * body searches read the blobs. James's OpenSearch integration cannot be assembled from the artifacts we use.
 * Re-indexing has nothing to do here, but James's re-indexer must still be given a listening index.
 */
public class ScanningSearchModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(SimpleMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(MessageSearchIndex.class).to(SimpleMessageSearchIndex.class);
        bind(FakeMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(ListeningMessageSearchIndex.class).to(FakeMessageSearchIndex.class);
        bind(TextExtractor.class).to(JsoupTextExtractor.class);
    }
}
