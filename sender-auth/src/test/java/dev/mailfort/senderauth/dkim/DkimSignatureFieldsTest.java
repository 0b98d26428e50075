/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.senderauth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DkimSignatureFieldsTest {
    private static boolean present(String message) {
        return DkimSignatureFields.present(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void aSignatureFieldAnywhereInTheHeaderIsFound() {
        assertThat(present("From: a@example.com\r\nDKIM-Signature: v=1; a=rsa-sha256;\r\n b=abc\r\n\r\nbody\r\n")).isTrue();
        assertThat(present("DKIM-Signature: v=1\r\nFrom: a@example.com\r\n\r\nbody\r\n")).isTrue();
    }

    @Test
    void theFieldNameIsMatchedInAnyLetterCaseAndWithWhiteSpaceBeforeTheColon() {
        assertThat(present("dkim-signature: v=1\n\nbody\n")).isTrue();
        assertThat(present("From: a@example.com\nDkim-Signature \t: v=1\n\nbody\n")).isTrue();
    }

    @Test
    void anUnsignedMessageHasNone() {
        assertThat(present("From: a@example.com\r\nSubject: hello\r\n\r\nbody\r\n")).isFalse();
    }

    @Test
    void theNameInTheBodyOrInAnotherFieldDoesNotCount() {
        assertThat(present("From: a@example.com\r\n\r\nDKIM-Signature: v=1\r\n")).isFalse();
        assertThat(present("Subject: about\r\n DKIM-Signature: folded\r\nX-DKIM-Signature: v=1\r\n\r\nbody")).isFalse();
        assertThat(present("DKIM-Signatures: v=1\r\n\r\n")).isFalse();
    }

    @Test
    void theHeaderSectionEndsAfterTheFirstEmptyLine() {
        assertThat(DkimSignatureFields.headerSectionLength(bytes("A: 1\r\nB: 2\r\n\r\nbody\r\n\r\nmore"))).isEqualTo(14);
        assertThat(DkimSignatureFields.headerSectionLength(bytes("A: 1\n\nbody"))).isEqualTo(6);
        assertThat(DkimSignatureFields.headerSectionLength(bytes("A: 1\r\nB: 2"))).isEqualTo(10);
        assertThat(DkimSignatureFields.headerSectionLength(bytes("\r\nbody"))).isEqualTo(2);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aMessageWithoutBodyOrLineEndIsRead() {
        assertThat(present("DKIM-Signature:v=1")).isTrue();
        assertThat(present("From: a@example.com")).isFalse();
        assertThat(present("")).isFalse();
    }
}
