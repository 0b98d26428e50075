/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.smtp.SMTPConfigurationImpl;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.SMTPSessionImpl;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mailfort.protocols.FakeTransport;

class RefuseRejectedDestinationsTest {
    @TempDir
    Path workingDirectory;
    private RefuseRejectedDestinations hook;

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(workingDirectory.resolve("conf"));
        Files.writeString(workingDirectory.resolve("conf/transport.map"), String.join("\n",
            "forbidden.example      reject:\"Mail to forbidden.example is not allowed\"",
            "ex-employee@example.com reject",
            "partner.example        relay:[smtp.partner.example]:587",
            "*                      reject:\"No mail to other domains\""));
        hook = new RefuseRejectedDestinations(new WorkingDirectory(workingDirectory), new OurDomains("example.com"));
        hook.init(new BaseHierarchicalConfiguration());
    }

    @Test
    void aRejectedDomainIsRefusedWithTheTextOfTheMap() throws Exception {
        HookResult result = hook.doRcpt(session(), MaybeSender.nullSender(), new MailAddress("erin@forbidden.example"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Mail to forbidden.example is not allowed");
    }

    @Test
    void aRejectedAddressOfOurDomainIsRefusedWithTheGenericText() throws Exception {
        HookResult result = hook.doRcpt(session(), MaybeSender.nullSender(), new MailAddress("ex-employee@example.com"));

        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Delivery to this address is not allowed");
    }

    @Test
    void theDefaultRejectDoesNotApplyToOurUsers() throws Exception {
        HookResult result = hook.doRcpt(session(), MaybeSender.nullSender(), new MailAddress("bob@example.com"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void otherRoutesAreLeftToTheOtherChecks() throws Exception {
        HookResult result = hook.doRcpt(session(), MaybeSender.nullSender(), new MailAddress("gina@partner.example"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aMalformedMapStopsTheStartNamingTheLine() throws Exception {
        Files.writeString(workingDirectory.resolve("conf/transport.map"), "example.com relay\n");

        assertThatThrownBy(() -> hook.init(new BaseHierarchicalConfiguration()))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("RefuseRejectedDestinations: transport.map line 1: relay needs a host: relay:[smtp.example.net]:587"
                + ": \"example.com relay\"");
    }

    private static SMTPSession session() {
        return new SMTPSessionImpl(FakeTransport.clearText(), new SMTPConfigurationImpl());
    }

    /** James's file URLs over a temporary working directory. */
    private record WorkingDirectory(Path root) implements FileSystem {
        @Override
        public InputStream getResource(String url) throws FileNotFoundException {
            return new FileInputStream(getFile(url));
        }

        @Override
        public File getFile(String fileUrl) {
            return root.resolve(fileUrl.substring(FILE_PROTOCOL.length())).toFile();
        }

        @Override
        public File getBasedir() {
            return root.toFile();
        }
    }
}
