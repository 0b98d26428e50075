/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.scanning.clamav;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.mailfort.scanning.clamav.ClamAVVerdict.Status;
import dev.mailfort.scanning.clamav.ClamAVVerdict.UnavailableReason;

class ClamdReplyTest {

    @Test
    void okIsClean() {
        assertThat(ClamdReply.parse("stream: OK")).isEqualTo(ClamAVVerdict.clean());
    }

    @Test
    void trailingNewlineIsIgnored() {
        assertThat(ClamdReply.parse("stream: OK\n")).isEqualTo(ClamAVVerdict.clean());
    }

    @Test
    void okInAnotherCaseIsNotClean() {
        assertThat(ClamdReply.parse("stream: ok").unavailableReason()).contains(UnavailableReason.PROTOCOL_ERROR);
    }

    @Test
    void foundGivesTheSignature() {
        assertThat(ClamdReply.parse("stream: Eicar-Test-Signature.UNOFFICIAL FOUND"))
            .isEqualTo(ClamAVVerdict.infected("Eicar-Test-Signature.UNOFFICIAL"));
    }

    @Test
    void foundWithoutSignatureIsAProtocolError() {
        assertThat(ClamdReply.parse("stream:  FOUND").unavailableReason()).contains(UnavailableReason.PROTOCOL_ERROR);
    }

    @Test
    void signatureWithControlCharactersIsAProtocolError() {
        assertThat(ClamdReply.parse("stream: Evil\r\nX-Virus-Status: clean FOUND").status())
            .isEqualTo(Status.UNAVAILABLE);
    }

    @Test
    void sizeLimitExceededIsTooLarge() {
        assertThat(ClamdReply.parse("INSTREAM size limit exceeded. ERROR").status()).isEqualTo(Status.TOO_LARGE);
    }

    @Test
    void otherErrorIsAClamdError() {
        ClamAVVerdict verdict = ClamdReply.parse("stream: Can't allocate memory ERROR");

        assertThat(verdict.unavailableReason()).contains(UnavailableReason.CLAMD_ERROR);
    }

    @Test
    void unknownCommandIsAProtocolError() {
        assertThat(ClamdReply.parse("UNKNOWN COMMAND").unavailableReason()).contains(UnavailableReason.PROTOCOL_ERROR);
    }

    @Test
    void emptyReplyIsAProtocolError() {
        assertThat(ClamdReply.parse("").unavailableReason()).contains(UnavailableReason.PROTOCOL_ERROR);
    }

    @Test
    void printableEscapesControlCharacters() {
        assertThat(ClamdReply.printable("a\r\nb\u0000")).isEqualTo("a\\x0d\\x0ab\\x00");
    }

    @Test
    void printableShortensLongText() {
        assertThat(ClamdReply.printable("x".repeat(500))).hasSize(203).endsWith("...");
    }
}
