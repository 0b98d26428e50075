/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.mailets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import javax.mail.MessagingException;

import org.apache.mailet.base.GenericMailet;

import dev.mailfort.scanning.attachments.AttachmentPolicySettings;
import dev.mailfort.scanning.attachments.ContentKind;

/**
 * Turns {@link ApplyAttachmentPolicy}'s init parameters into {@link AttachmentPolicySettings}, refusing unknown
 * parameter names and malformed values at start-up: a misspelt limit must not silently fall back to its default.
 */
final class ApplyAttachmentPolicyParameters {

    static final String ON_BLOCKED = "onBlocked";
    static final String QUARANTINE_PROCESSOR = "quarantineProcessor";

    private static final Set<String> KNOWN = Set.of(ON_BLOCKED, QUARANTINE_PROCESSOR, "blockedExtensions",
            "extraBlockedExtensions", "allowedExtensions", "blockedContentKinds", "maxArchiveDepth",
            "maxArchiveEntries", "maxUncompressedBytes", "maxCompressionRatio", "compressionRatioMinBytes",
            "blockEncrypted", "blockMacros", "blockUninspectable", "blockMalformedMime", "blockContentTypeMismatch",
            "blockDoubleExtensions", "blockBidiControls", "maxMimeDepth", "maxParts", "maxHeaderBytes",
            "maxHeaderCount", "maxFindings",
            // read by the James mailet container itself
            "onMailetException", "onMatchException", "onMatcherException");

    private final GenericMailet mailet;

    ApplyAttachmentPolicyParameters(GenericMailet mailet) {
        this.mailet = mailet;
    }

    AttachmentPolicySettings settings() throws MessagingException {
        rejectUnknownNames();
        try {
            AttachmentPolicySettings defaults = AttachmentPolicySettings.DEFAULTS;
            AttachmentPolicySettings.Builder builder = defaults.toBuilder();
            builder.blockedExtensions(extensions(defaults.blockedExtensions()));
            list("blockedContentKinds").ifPresent(kinds -> builder.blockedContentKinds(contentKinds(kinds)));
            integer("maxArchiveDepth").ifPresent(builder::maxArchiveDepth);
            integer("maxArchiveEntries").ifPresent(builder::maxArchiveEntries);
            size("maxUncompressedBytes").ifPresent(builder::maxUncompressedBytes);
            integer("maxCompressionRatio").ifPresent(builder::maxCompressionRatio);
            size("compressionRatioMinBytes").ifPresent(builder::compressionRatioMinBytes);
            bool("blockEncrypted").ifPresent(builder::blockEncrypted);
            bool("blockMacros").ifPresent(builder::blockMacros);
            bool("blockUninspectable").ifPresent(builder::blockUninspectable);
            bool("blockMalformedMime").ifPresent(builder::blockMalformedMime);
            bool("blockContentTypeMismatch").ifPresent(builder::blockContentTypeMismatch);
            bool("blockDoubleExtensions").ifPresent(builder::blockDoubleExtensions);
            bool("blockBidiControls").ifPresent(builder::blockBidiControls);
            integer("maxMimeDepth").ifPresent(builder::maxMimeDepth);
            integer("maxParts").ifPresent(builder::maxParts);
            size("maxHeaderBytes").map(Math::toIntExact).ifPresent(builder::maxHeaderBytes);
            integer("maxHeaderCount").ifPresent(builder::maxHeaderCount);
            integer("maxFindings").ifPresent(builder::maxFindings);
            return builder.build();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new MessagingException(mailet.getMailetName() + ": " + e.getMessage(), e);
        }
    }

    ApplyAttachmentPolicy.OnBlocked onBlocked() throws MessagingException {
        String value = mailet.getInitParameter(ON_BLOCKED, "quarantine").trim().toUpperCase(Locale.ROOT);
        try {
            return ApplyAttachmentPolicy.OnBlocked.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(mailet.getMailetName() + ": " + ON_BLOCKED
                    + " must be quarantine, strip or tag, not '" + value.toLowerCase(Locale.ROOT) + "'");
        }
    }

    Optional<String> quarantineProcessor() {
        return mailet.getInitParameterAsOptional(QUARANTINE_PROCESSOR).map(String::trim).filter(s -> !s.isEmpty());
    }

    private void rejectUnknownNames() throws MessagingException {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = mailet.getInitParameterNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new MessagingException(mailet.getMailetName() + ": unknown parameter(s) " + unknown);
        }
    }

    private Set<String> extensions(Set<String> defaults) {
        Set<String> result = new LinkedHashSet<>(list("blockedExtensions").orElse(List.copyOf(defaults)));
        list("extraBlockedExtensions").ifPresent(result::addAll);
        Set<String> normalised = new LinkedHashSet<>(
                AttachmentPolicySettings.builder().blockedExtensions(result).build().blockedExtensions());
        list("allowedExtensions").ifPresent(allowed -> normalised.removeAll(
                AttachmentPolicySettings.builder().blockedExtensions(allowed).build().blockedExtensions()));
        return normalised;
    }

    private static List<ContentKind> contentKinds(List<String> names) {
        List<ContentKind> kinds = new ArrayList<>();
        for (String name : names) {
            try {
                kinds.add(ContentKind.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown content kind '" + name + "', expected one of "
                        + Arrays.toString(ContentKind.values()));
            }
        }
        return kinds;
    }

    private Optional<List<String>> list(String name) {
        return mailet.getInitParameterAsOptional(name).map(value -> Arrays.stream(value.split("[,\\s]+"))
                .map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private Optional<Integer> integer(String name) {
        return parsed(name, Integer::parseInt);
    }

    private Optional<Boolean> bool(String name) {
        return parsed(name, value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        });
    }

    /** A byte count, written as every Mailfort mailet writes sizes (see {@link ParameterValues}). */
    private Optional<Long> size(String name) {
        return parsed(name, value -> ParameterValues.size(name, value));
    }

    private <T> Optional<T> parsed(String name, Function<String, T> parser) {
        Optional<String> raw = mailet.getInitParameterAsOptional(name).map(String::trim);
        try {
            return raw.map(parser);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " has an invalid value '" + raw.orElse("") + "'", e);
        }
    }
}
