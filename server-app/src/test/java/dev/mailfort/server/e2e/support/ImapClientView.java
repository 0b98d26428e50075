/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.e2e.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an IMAP client knows of its selected mailbox, kept the way RFC 9051 (7.4.1, 7.5.2, 7.3.1) tells a client to keep
 * it: message sequence numbers from EXISTS and EXPUNGE, UIDs from FETCH, keywords from FLAGS. Every untagged response
 * the server sends is applied in order; one that does not fit the client's view (an EXPUNGE or FETCH of a sequence
 * number the client does not know, an EXISTS that shrinks the mailbox, a keyword in FETCH that no FLAGS announced, a
 * FETCH giving a known message another UID) is recorded as a violation instead of being applied.
 */
public final class ImapClientView {
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");
    private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE$");
    private static final Pattern FETCH = Pattern.compile("^\\* (\\d+) FETCH \\((.*)$");
    private static final Pattern FLAGS_RESPONSE = Pattern.compile("^\\* FLAGS \\(([^)]*)\\)$");
    private static final Pattern FETCH_UID = Pattern.compile("(?:^|[ (])UID (\\d+)");
    private static final Pattern FETCH_FLAGS = Pattern.compile("(?:^|[ (])FLAGS \\(([^)]*)\\)");

    /** The UID of each message by sequence number (index 0 is message 1); null while the client has not seen it. */
    private final List<Long> uids = new ArrayList<>();
    private final Set<String> announcedKeywords = new HashSet<>();
    private final List<String> violations = new ArrayList<>();

    /** Applies every untagged line of one answer, in order; other lines (tagged, literal data) are ignored. */
    public synchronized void apply(List<String> lines) {
        lines.forEach(this::apply);
    }

    /** Applies one line of the server's answer. */
    public synchronized void apply(String line) {
        Matcher matcher;
        if ((matcher = EXISTS.matcher(line)).matches()) {
            int count = Integer.parseInt(matcher.group(1));
            if (count < uids.size()) {
                violations.add("EXISTS shrank the mailbox from " + uids.size() + ": " + line);
            }
            while (uids.size() < count) {
                uids.add(null);
            }
        } else if ((matcher = EXPUNGE.matcher(line)).matches()) {
            int msn = Integer.parseInt(matcher.group(1));
            if (msn < 1 || msn > uids.size()) {
                violations.add("EXPUNGE of a sequence number the client does not know (" + uids.size() + " messages): "
                    + line);
            } else {
                uids.remove(msn - 1);
            }
        } else if ((matcher = FLAGS_RESPONSE.matcher(line)).matches()) {
            announcedKeywords.clear();
            keywords(matcher.group(1)).forEach(announcedKeywords::add);
        } else if ((matcher = FETCH.matcher(line)).matches()) {
            fetched(Integer.parseInt(matcher.group(1)), matcher.group(2), line);
        }
    }

    private void fetched(int msn, String items, String line) {
        if (msn < 1 || msn > uids.size()) {
            violations.add("FETCH of a sequence number the client does not know (" + uids.size() + " messages): "
                + line);
            return;
        }
        Matcher uid = FETCH_UID.matcher(items);
        if (uid.find()) {
            long value = Long.parseLong(uid.group(1));
            Long known = uids.get(msn - 1);
            if (known != null && known != value) {
                violations.add("FETCH gives message " + msn + " (UID " + known + ") another UID: " + line);
            }
            uids.set(msn - 1, value);
        }
        Matcher flags = FETCH_FLAGS.matcher(items);
        if (flags.find()) {
            keywords(flags.group(1))
                .filter(keyword -> !announcedKeywords.contains(keyword))
                .forEach(keyword -> violations.add("keyword " + keyword + " in FETCH before any FLAGS announced it: "
                    + line));
        }
    }

    private static java.util.stream.Stream<String> keywords(String flagList) {
        return Arrays.stream(flagList.trim().split(" "))
            .filter(flag -> !flag.isEmpty() && !flag.startsWith("\\"))
            .map(flag -> flag.toLowerCase(Locale.ROOT));
    }

    /** The UIDs by sequence number as the client sees them (null for messages it has not fetched). */
    public synchronized List<Long> uids() {
        return new ArrayList<>(uids);
    }

    public synchronized int messageCount() {
        return uids.size();
    }

    /** Every response that did not fit the client's view, with the reason. */
    public synchronized List<String> violations() {
        return new ArrayList<>(violations);
    }
}
