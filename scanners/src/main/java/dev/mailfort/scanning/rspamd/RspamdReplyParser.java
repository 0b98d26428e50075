/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.rspamd;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON body of a {@code /checkv2} reply. Strict about what a verdict rests on (action, score, required
 * score): a reply without them, or with an action this code does not know, is refused rather than guessed at,
 * since a guess could let spam through.
 */
final class RspamdReplyParser {
    private final ObjectMapper mapper = new ObjectMapper();

    static final class UnusableReplyException extends Exception {
        UnusableReplyException(String message) {
            super(message);
        }

        UnusableReplyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    RspamdScan parse(byte[] body) throws UnusableReplyException {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UnusableReplyException("reply is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnusableReplyException("reply is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new UnusableReplyException("reply is not a JSON object");
        }
        if (root.hasNonNull("error")) {
            throw new UnusableReplyException("rspamd reports an error: " + root.get("error").asText());
        }
        String actionName = requiredText(root, "action");
        RspamdAction action = RspamdAction.fromWireName(actionName)
            .orElseThrow(() -> new UnusableReplyException("unknown action '" + actionName + "'"));
        return new RspamdScan(action,
            requiredNumber(root, "score"),
            requiredNumber(root, "required_score"),
            symbols(root.get("symbols")),
            Optional.ofNullable(root.get("subject")).filter(JsonNode::isTextual).map(JsonNode::asText),
            messages(root.get("messages")));
    }

    private static String requiredText(JsonNode root, String field) throws UnusableReplyException {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new UnusableReplyException("reply has no '" + field + "'");
        }
        return node.asText();
    }

    private static double requiredNumber(JsonNode root, String field) throws UnusableReplyException {
        JsonNode node = root.get(field);
        if (node == null || !node.isNumber()) {
            throw new UnusableReplyException("reply has no numeric '" + field + "'");
        }
        return node.asDouble();
    }

    private static List<RspamdSymbol> symbols(JsonNode node) {
        List<RspamdSymbol> symbols = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return symbols;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode score = field.getValue().get("score");
            symbols.add(new RspamdSymbol(field.getKey(), score != null && score.isNumber() ? score.asDouble() : 0.0));
        }
        return symbols;
    }

    private static Map<String, String> messages(JsonNode node) {
        Map<String, String> messages = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            return messages;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            messages.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
        }
        return messages;
    }
}
