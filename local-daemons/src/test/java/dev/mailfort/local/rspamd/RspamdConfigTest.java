/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.local.rspamd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RspamdConfigTest {
    @TempDir
    Path directory;

    @Test
    void privateConfigHasTheGivenThresholdsSubjectAndRules() throws IOException {
        PrivateRspamdConfig config = PrivateRspamdConfig.builder()
            .action("reject", 15)
            .action("greylist", 4)
            .subject("[SPAM] \"%s\"")
            .localRules("-- local rules\n")
            .build();

        Path main = config.write(directory, 40123);

        assertThat(main).isEqualTo(directory.resolve("rspamd.conf"));
        assertThat(Files.readString(main))
            .contains("  greylist = 4.0;\n  reject = 15.0;\n  subject = \"[SPAM] \\\"%s\\\"\";\n")
            .contains("bind_socket = \"127.0.0.1:40123\";")
            .contains("nameserver = [\"127.0.0.1:1\"];");
        assertThat(Files.readString(directory.resolve("local/rspamd.local.lua"))).isEqualTo("-- local rules\n");
    }

    @Test
    void stockConfigOnlyOverridesTheWorkersAndTheNetwork() throws IOException {
        Path packaged = Files.writeString(directory.resolve("packaged.conf"), "# the package's\n");

        Path main = StockRspamdConfig.of(packaged).write(directory, 40124);

        assertThat(main).isEqualTo(packaged);
        Path overrides = directory.resolve("local/override.d");
        assertThat(Files.readString(overrides.resolve("worker-normal.inc")))
            .contains("bind_socket = \"127.0.0.1:40124\";");
        assertThat(Files.readString(overrides.resolve("worker-controller.inc"))).isEqualTo("enabled = false;\n");
        assertThat(Files.readString(overrides.resolve("worker-proxy.inc"))).isEqualTo("enabled = false;\n");
        assertThat(Files.readString(directory.resolve("local/local.d/options.inc")))
            .contains("nameserver = [\"127.0.0.1:1\"];");
        assertThat(directory.resolve("local/local.d/actions.conf")).doesNotExist();
    }

    @Test
    void stockConfigNeedsThePackage() {
        assertThatThrownBy(() -> StockRspamdConfig.of(directory.resolve("absent.conf")).write(directory, 40125))
            .hasMessageContaining("Debian package rspamd");
    }
}
