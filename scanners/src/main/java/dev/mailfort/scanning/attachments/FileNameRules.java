/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks on a file name: blocked extension, decoy double extension, bidirectional-text tricks.
 *
 * <p>Names are judged the way Windows would act on them, not the way a mail client displays them: bidi and
 * zero-width characters removed, compatibility forms folded (NFKC), trailing dots and spaces dropped (Windows
 * ignores them), and, because some clients cut a name at the first control character, the name up to that
 * character is judged as well.
 */
final class FileNameRules {

    /** A finding about a name, before it is attached to a part. */
    record NameProblem(FindingReason reason, String detail) {
    }

    private FileNameRules() {
    }

    static List<NameProblem> check(String rawName, Set<String> blockedExtensions) {
        List<NameProblem> problems = new ArrayList<>(2);
        if (rawName == null || rawName.isEmpty()) {
            return problems;
        }
        String bidi = bidiControls(rawName);
        if (!bidi.isEmpty()) {
            problems.add(new NameProblem(FindingReason.BIDI_CONTROL_IN_NAME, bidi));
        }
        for (String candidate : candidates(rawName)) {
            List<String> extensions = extensions(candidate);
            if (extensions.isEmpty()) {
                continue;
            }
            String last = extensions.get(extensions.size() - 1);
            if (!blockedExtensions.contains(last)) {
                continue;
            }
            addOnce(problems, new NameProblem(FindingReason.BLOCKED_EXTENSION, "." + last));
            if (extensions.size() >= 2) {
                String decoy = extensions.get(extensions.size() - 2);
                if (isPlausibleDecoy(decoy)) {
                    addOnce(problems, new NameProblem(FindingReason.DOUBLE_EXTENSION, "." + decoy + "." + last));
                }
            }
        }
        return problems;
    }

    /** The last extension, lower-cased, after the same clean-up as {@link #check}; empty when there is none. */
    static String finalExtension(String rawName) {
        if (rawName == null || rawName.isEmpty()) {
            return "";
        }
        List<String> extensions = extensions(candidates(rawName).iterator().next());
        return extensions.isEmpty() ? "" : extensions.get(extensions.size() - 1);
    }

    /** Names of the bidi controls present, e.g. {@code U+202E RIGHT-TO-LEFT OVERRIDE}; empty when none. */
    static String bidiControls(String name) {
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isBidiControl(c)) {
                found.add(String.format(Locale.ROOT, "U+%04X %s", (int) c, Character.getName(c)));
            }
        }
        return String.join(", ", found);
    }

    static boolean isBidiControl(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\u061C' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static Set<String> candidates(String rawName) {
        Set<String> names = new LinkedHashSet<>(2);
        String cleaned = clean(rawName);
        names.add(windowsTrim(cleaned));
        for (int i = 0; i < cleaned.length(); i++) {
            if (cleaned.charAt(i) < 0x20 || cleaned.charAt(i) == 0x7F) {
                names.add(windowsTrim(cleaned.substring(0, i)));
                break;
            }
        }
        return names;
    }

    private static String clean(String rawName) {
        StringBuilder kept = new StringBuilder(rawName.length());
        for (int i = 0; i < rawName.length(); i++) {
            char c = rawName.charAt(i);
            if (isBidiControl(c) || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF'
                    || c == '\u00AD') {
                continue;
            }
            kept.append(c);
        }
        String folded = Normalizer.normalize(kept, Normalizer.Form.NFKC);
        int slash = Math.max(folded.lastIndexOf('/'), folded.lastIndexOf('\\'));
        return slash >= 0 ? folded.substring(slash + 1) : folded;
    }

    private static String windowsTrim(String name) {
        int end = name.length();
        while (end > 0 && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1))
                || Character.isSpaceChar(name.charAt(end - 1)))) {
            end--;
        }
        return name.substring(0, end);
    }

    private static List<String> extensions(String name) {
        List<String> result = new ArrayList<>(2);
        // a name that is only ".exe" still gets run as an .exe
        int start = name.indexOf('.');
        while (start >= 0) {
            int next = name.indexOf('.', start + 1);
            String extension = name.substring(start + 1, next < 0 ? name.length() : next);
            result.add(extension.strip().toLowerCase(Locale.ROOT));
            start = next;
        }
        return result;
    }

    /** {@code pdf}, {@code docx}, {@code jpeg}: short and alphanumeric, what a person reads as a document type. */
    private static boolean isPlausibleDecoy(String extension) {
        if (extension.isEmpty() || extension.length() > 5) {
            return false;
        }
        for (int i = 0; i < extension.length(); i++) {
            if (!Character.isLetterOrDigit(extension.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static void addOnce(List<NameProblem> problems, NameProblem problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }
}
