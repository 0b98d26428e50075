/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.results;

/**
 * Reads the authserv-id an existing Authentication-Results field claims, so that fields claiming ours can be
 * removed before we add our own (RFC 8601 §5): a sender could otherwise forge our verdicts. Leading comments and
 * folding whitespace are skipped; a quoted authserv-id is unquoted.
 */
public final class AuthservIdClaim {

    private AuthservIdClaim() {
    }

    /** @param fieldValue the field value, without the field name */
    public static boolean claims(String fieldValue, String authservId) {
        String claimed = authservIdOf(fieldValue);
        return claimed != null && claimed.equalsIgnoreCase(authservId);
    }

    /** The authserv-id of a field value, or {@code null} if it has none. */
    public static String authservIdOf(String fieldValue) {
        int i = skipCommentsAndSpace(fieldValue, 0);
        if (i < 0 || i >= fieldValue.length()) {
            return null;
        }
        if (fieldValue.charAt(i) == '"') {
            StringBuilder id = new StringBuilder();
            for (int j = i + 1; j < fieldValue.length(); j++) {
                char c = fieldValue.charAt(j);
                if (c == '\\' && j + 1 < fieldValue.length()) {
                    id.append(fieldValue.charAt(++j));
                } else if (c == '"') {
                    return id.toString();
                } else {
                    id.append(c);
                }
            }
            return null;
        }
        int end = i;
        while (end < fieldValue.length()) {
            char c = fieldValue.charAt(end);
            if (c == ';' || c == '(' || Character.isWhitespace(c)) {
                break;
            }
            end++;
        }
        return end > i ? fieldValue.substring(i, end) : null;
    }

    /** @return the index after comments and whitespace, or -1 for an unterminated comment */
    private static int skipCommentsAndSpace(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                int depth = 0;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        i += 2;
                        continue;
                    }
                    if (d == '(') {
                        depth++;
                    } else if (d == ')') {
                        depth--;
                        if (depth == 0) {
                            break;
                        }
                    }
                    i++;
                }
                if (i >= s.length()) {
                    return -1;
                }
                i++;
            } else {
                break;
            }
        }
        return i;
    }
}
