/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.imap;

import java.util.Collection;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.imap.decode.parser.AuthenticateCommandParser;
import org.apache.james.imap.decode.parser.LoginCommandParser;
import org.apache.james.modules.protocols.ImapPackage;
import org.apache.james.utils.ClassName;

import com.google.common.collect.ImmutableList;

/**
 * James's IMAP command set with LOGIN and AUTHENTICATE replaced by {@link LoginOnlyOverTls} and
 * {@link AuthenticateOnlyOverTls} (which also apply the failed-login limits of {@code conf/abuse.properties}). Named in {@code conf/imapserver.xml} as {@code <imapPackages>}.
 *
 * <p>Built on James's {@code DefaultNoAuth} package (every command but the two login commands) rather than on the
 * default package: James indexes processors by the request class they accept and fails at start if two
 * processors accept the same one, so its own login processors must not be loaded next to ours.
 */
public class TlsOnlyAuthImapPackage extends ImapPackage.Impl {
    @Inject
    public TlsOnlyAuthImapPackage() {
        this(new ImapPackage.DefaultNoAuth());
    }

    private TlsOnlyAuthImapPackage(ImapPackage withoutLogin) {
        super(concat(withoutLogin.processors(), LoginOnlyOverTls.class, AuthenticateOnlyOverTls.class),
            concat(withoutLogin.decoders(), LoginCommandParser.class, AuthenticateCommandParser.class),
            concat(withoutLogin.encoders(), PrivacyRequiredResponseEncoder.class, LoginsSuspendedResponseEncoder.class));
    }

    private static ImmutableList<ClassName> concat(Collection<ClassName> base, Class<?>... added) {
        return Stream.concat(base.stream(), Stream.of(added).map(clazz -> new ClassName(clazz.getName())))
            .collect(ImmutableList.toImmutableList());
    }
}
