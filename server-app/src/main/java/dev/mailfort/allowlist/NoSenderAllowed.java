/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import java.util.List;

/** See {@link SenderAllowList#none()}. */
final class NoSenderAllowed implements SenderAllowList {
    static final NoSenderAllowed INSTANCE = new NoSenderAllowed();

    private NoSenderAllowed() {
    }

    @Override
    public void add(AllowedSender entry) {
        throw new UnsupportedOperationException("This server part has no sender allow list");
    }

    @Override
    public boolean remove(String recipient, String sender) {
        return false;
    }

    @Override
    public boolean contains(String recipient, String sender) {
        return false;
    }

    @Override
    public List<AllowedSender> list() {
        return List.of();
    }
}
