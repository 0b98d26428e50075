/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.allowlist;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The allow list in a map, for tests of what uses it. */
public class InMemorySenderAllowList implements SenderAllowList {
    private final Map<String, AllowedSender> entries = new ConcurrentHashMap<>();

    @Override
    public void add(AllowedSender entry) {
        entries.put(key(entry.recipient(), entry.sender()), entry);
    }

    @Override
    public boolean remove(String recipient, String sender) {
        return entries.remove(key(recipient, sender)) != null;
    }

    @Override
    public boolean contains(String recipient, String sender) {
        return entries.containsKey(key(recipient, sender));
    }

    @Override
    public List<AllowedSender> list() {
        return new ArrayList<>(entries.values());
    }

    private static String key(String recipient, String sender) {
        return AllowedSender.normalize(recipient) + " " + AllowedSender.normalize(sender);
    }
}
