/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import java.util.List;

import org.apache.james.jdkim.api.Headers;

/**
 * The message's header fields with only one DKIM-Signature visible, so that jDKIM verifies that signature alone and
 * its outcome is known (jDKIM hides the failures of the others once one passes). Limitation: a signature whose h=
 * covers other DKIM-Signature fields sees only itself, and fails.
 */
final class SingleSignatureHeaders implements Headers {
    private static final String DKIM_SIGNATURE = "DKIM-Signature";
    private final Headers message;
    private final String signatureField;

    SingleSignatureHeaders(Headers message, String signatureField) {
        this.message = message;
        this.signatureField = signatureField;
    }

    @Override
    public List<String> getFields() {
        return message.getFields();
    }

    @Override
    public List<String> getFields(String name) {
        if (DKIM_SIGNATURE.equalsIgnoreCase(name)) {
            return List.of(signatureField);
        }
        return message.getFields(name);
    }
}
