/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.scanning.attachments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AttachmentPolicySettingsTest {

    @Test
    void defaultsBlockTheIssuesList() {
        assertThat(AttachmentPolicySettings.DEFAULTS.blockedExtensions())
                .contains("js", "vbs", "ps1", "bat", "cmd", "hta", "lnk", "scr", "iso", "img", "exe");
        assertThat(AttachmentPolicySettings.DEFAULTS.maxArchiveDepth()).isEqualTo(3);
        assertThat(AttachmentPolicySettings.DEFAULTS.blocks(FindingReason.UNINSPECTABLE)).isTrue();
        assertThat(AttachmentPolicySettings.DEFAULTS.blocks(FindingReason.MALFORMED_MIME)).isFalse();
    }

    @Test
    void extensionsAreNormalised() {
        AttachmentPolicySettings settings = AttachmentPolicySettings.builder()
                .blockedExtensions(List.of(" .EXE", "*.js", "Vbs"))
                .build();

        assertThat(settings.blockedExtensions()).containsExactlyInAnyOrder("exe", "js", "vbs");
    }

    @Test
    void dottedExtensionIsRefused() {
        assertThatThrownBy(() -> AttachmentPolicySettings.builder().blockedExtensions(List.of("tar.gz")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitBelowItsMinimumIsRefused() {
        assertThatThrownBy(() -> AttachmentPolicySettings.builder().maxArchiveDepth(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxArchiveDepth");
    }

    @Test
    void toBuilderKeepsEveryValue() {
        AttachmentPolicySettings settings = AttachmentPolicySettings.builder().maxArchiveEntries(7).blockMacros(false)
                .build();

        assertThat(settings.toBuilder().build().toString()).isEqualTo(settings.toString());
    }
}
