/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FileNameRulesTest {

    private static final Set<String> BLOCKED = Set.of("exe", "js", "scr");

    private static List<FindingReason> reasons(String name) {
        return FileNameRules.check(name, BLOCKED).stream().map(FileNameRules.NameProblem::reason).toList();
    }

    @Test
    void harmlessNameHasNoProblem() {
        assertThat(reasons("Quarterly report.final.pdf")).isEmpty();
    }

    @Test
    void extensionIsMatchedWithoutRegardToCase() {
        assertThat(reasons("SETUP.EXE")).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void nameThatIsOnlyAnExtensionIsBlocked() {
        assertThat(reasons(".exe")).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void pathIsIgnored() {
        assertThat(reasons("..\\..\\Startup\\run.js")).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void longDecoyIsNotCalledADoubleExtension() {
        assertThat(reasons("backup.2026-01-31.exe")).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void fullwidthLettersAreFolded() {
        assertThat(reasons("setup.\uFF45\uFF58\uFF45")).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void zeroWidthCharactersDoNotSplitTheExtension() {
        assertThat(reasons("setup.e\u200Bxe")).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void nameCutAtAControlCharacterIsJudgedToo() {
        assertThat(reasons("setup.exe\u0000.pdf")).containsExactly(FindingReason.BLOCKED_EXTENSION);
    }

    @Test
    void everyBidiControlIsReported() {
        for (char c : new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068',
            '\u2069', '\u200E', '\u200F', '\u061C'}) {
            assertThat(reasons("a" + c + "b.txt")).containsExactly(FindingReason.BIDI_CONTROL_IN_NAME);
        }
    }

    @Test
    void bidiDetailNamesTheCharacter() {
        assertThat(FileNameRules.bidiControls("a\u202Eb")).isEqualTo("U+202E RIGHT-TO-LEFT OVERRIDE");
    }
}
