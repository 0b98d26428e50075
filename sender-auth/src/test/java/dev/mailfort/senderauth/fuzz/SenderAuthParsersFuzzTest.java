/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.senderauth.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

import dev.mailfort.senderauth.dmarc.AlignmentMode;
import dev.mailfort.senderauth.dmarc.DmarcRecord;
import dev.mailfort.senderauth.dmarc.DmarcRecordParser;
import dev.mailfort.senderauth.dmarc.DmarcSyntaxException;
import dev.mailfort.senderauth.dmarc.OrganizationalDomain;
import dev.mailfort.senderauth.header.HeaderFrom;
import dev.mailfort.senderauth.header.HeaderFromExtractor;
import dev.mailfort.senderauth.results.AuthservIdClaim;
import dev.mailfort.senderauth.spf.SpfRecordParser;
import dev.mailfort.senderauth.spf.SpfSyntaxException;

/**
 * Fuzz targets for the parsers that read what a stranger controls: DMARC and SPF TXT records, the From header of a
 * message, the authserv-id of an Authentication-Results field. Each states the parser's contract: a result or its
 * own checked exception, never anything else (an unchecked exception would turn a hostile DNS answer or message
 * into a 451 loop or a crash of the SMTP session).
 *
 * <p>Parameters are {@code @NotNull}: Jazzer's mutator would otherwise pass null, which no caller does.
 *
 * <p>In a normal {@code mvn test} each target only replays its inputs (an empty one, and the files under
 * {@code src/test/resources/dev/mailfort/senderauth/fuzz/SenderAuthParsersFuzzTestInputs/<method>/}). To fuzz, see
 * {@code docs/fuzzing.md}.
 */
class SenderAuthParsersFuzzTest {

    @FuzzTest
    void dmarcRecordParsingGivesARecordOrASyntaxError(@NotNull String txt) {
        boolean isRecord = DmarcRecordParser.isDmarcRecord(txt);
        try {
            DmarcRecord record = new DmarcRecordParser().parse(txt);
            assertThat(isRecord).as("parsed without v=DMARC1").isTrue();
            assertThat(record.percent()).isBetween(0, 100);
        } catch (DmarcSyntaxException e) {
            // the contract for anything that is not a usable record
        }
    }

    @FuzzTest
    void spfRecordParsingGivesARecordOrASyntaxError(@NotNull String txt) {
        SpfRecordParser.isSpfRecord(txt);
        try {
            assertThat(new SpfRecordParser().parse(txt)).isNotNull();
        } catch (SpfSyntaxException e) {
            // the contract for anything that is not a usable record
        }
    }

    @FuzzTest
    void organizationalDomainNeverFails(FuzzedDataProvider data) {
        String first = data.consumeString(300);
        String second = data.consumeRemainingAsString();
        OrganizationalDomain.of(first);
        for (AlignmentMode mode : AlignmentMode.values()) {
            OrganizationalDomain.aligned(first, second, mode);
        }
    }

    @FuzzTest
    void headerFromExtractionNeverFails(@NotNull byte[] message) {
        HeaderFrom from = HeaderFromExtractor.extract(message);

        assertThat(from).isNotNull();
        if (from.isUsable()) {
            assertThat(from.address()).isNotBlank();
            assertThat(from.domain()).isNotBlank();
        }
    }

    @FuzzTest
    void authservIdReadingNeverFails(@NotNull byte[] fieldValue) {
        String value = new String(fieldValue, StandardCharsets.UTF_8);
        String id = AuthservIdClaim.authservIdOf(value);

        if (id != null) {
            assertThat(AuthservIdClaim.claims(value, id)).isTrue();
        }
    }
}
