/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What rspamd answered about one message.
 *
 * @param action          the advised action
 * @param score           the message's score
 * @param requiredScore   the score at which rspamd rejects
 * @param symbols         the rules that matched, highest score first
 * @param rewrittenSubject the subject to set, when the action is {@link RspamdAction#REWRITE_SUBJECT}
 * @param messages        rspamd's messages, e.g. {@code smtp_message} for the SMTP reply text
 */
public record RspamdScan(RspamdAction action, double score, double requiredScore, List<RspamdSymbol> symbols,
                         Optional<String> rewrittenSubject, Map<String, String> messages) {
    private static final Comparator<RspamdSymbol> HIGHEST_SCORE_FIRST =
        Comparator.comparingDouble(RspamdSymbol::score).reversed().thenComparing(RspamdSymbol::name);

    public RspamdScan {
        Objects.requireNonNull(action, "action");
        symbols = symbols.stream().sorted(HIGHEST_SCORE_FIRST).toList();
        Objects.requireNonNull(rewrittenSubject, "rewrittenSubject");
        messages = Map.copyOf(messages);
    }

    /** The text rspamd suggests for the SMTP reply, if any (e.g. "Gtube pattern"). */
    public Optional<String> smtpMessage() {
        return Optional.ofNullable(messages.get("smtp_message"));
    }
}
