/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.imap.decode.parser.AuthenticateCommandParser;
import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;
import org.junit.jupiter.api.Test;

class TlsOnlyAuthImapPackageTest {
    private final TlsOnlyAuthImapPackage imapPackage = new TlsOnlyAuthImapPackage();

    @Test
    void replacesJamesLoginProcessorsWithOurs() {
        assertThat(names(imapPackage.processors()))
            .contains(LoginOnlyOverTls.class.getName(), AuthenticateOnlyOverTls.class.getName())
            .doesNotContain(LoginProcessor.class.getName(), AuthenticateProcessor.class.getName());
    }

    @Test
    void keepsEveryOtherDefaultCommand() {
        List<String> defaultWithoutLogin = names(ImapPackage.DEFAULT.processors()).stream()
            .filter(name -> !name.equals(LoginProcessor.class.getName()) && !name.equals(AuthenticateProcessor.class.getName()))
            .collect(Collectors.toList());

        assertThat(names(imapPackage.processors())).containsAll(defaultWithoutLogin);
        assertThat(names(imapPackage.decoders())).containsExactlyInAnyOrderElementsOf(names(ImapPackage.DEFAULT.decoders()));
    }

    @Test
    void parsesLoginCommandsAndEncodesOurRefusal() {
        assertThat(names(imapPackage.decoders())).contains(LoginCommandParser.class.getName(), AuthenticateCommandParser.class.getName());
        assertThat(names(imapPackage.encoders())).contains(PrivacyRequiredResponseEncoder.class.getName());
    }

    @Test
    void everyNamedClassLoads() throws Exception {
        for (String name : names(imapPackage.processors(), imapPackage.decoders(), imapPackage.encoders())) {
            Class.forName(name);
        }
    }

    @SafeVarargs
    private static List<String> names(Collection<ClassName>... classNames) {
        return Arrays.stream(classNames)
            .flatMap(Collection::stream)
            .map(ClassName::getName)
            .collect(Collectors.toList());
    }
}
