/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols.smtp;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.mailets.routing.Route;
import dev.mailfort.mailets.routing.RouteAction;
import dev.mailfort.mailets.routing.TransportMap;
import dev.mailfort.mailets.routing.TransportMapFile;

/**
 * Refuses at RCPT, with {@code 550 5.7.1 <the map's text>}, a recipient that the transport map routes to
 * {@code reject}: the client learns it at once, and nothing is accepted that would have to be bounced later to a
 * sender who may be forged. The transport processor's RouteByTransportMap reads the same map and rejects what only
 * appears after the SMTP dialogue (an alias that leads to a rejected destination).
 *
 * <p>Parameter {@code mapFile} (default {@code file://conf/transport.map}): keep it equal to the mailet's. The map
 * is read at start; an unreadable line stops the start with its line number.
 */
public class RefuseRejectedDestinations implements RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseRejectedDestinations.class);

    private final FileSystem fileSystem;
    private final DomainList domainList;
    private TransportMap map = TransportMap.empty();

    @Inject
    public RefuseRejectedDestinations(FileSystem fileSystem, DomainList domainList) {
        this.fileSystem = fileSystem;
        this.domainList = domainList;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        String location = config.getString("mapFile", TransportMapFile.DEFAULT_LOCATION).strip();
        try {
            map = TransportMapFile.load(fileSystem, location);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        boolean ours;
        try {
            ours = domainList.containsDomain(rcpt.getDomain());
        } catch (DomainListException e) {
            // Whether the default entry applies is unknown; the mailet decides again once the domain list answers.
            LOGGER.warn("Domain list unavailable, transport map not checked for {}", rcpt.asString(), e);
            return HookResult.DECLINED;
        }
        Route route = map.routeFor(rcpt, ours, false);
        if (route.action() != RouteAction.REJECT) {
            return HookResult.DECLINED;
        }
        LOGGER.info("Refused recipient {} from {}: transport map says reject", rcpt.asString(), session.getRemoteAddress());
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(SMTPRetCode.MAILBOX_PERM_UNAVAILABLE)
            .smtpDescription(DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_AUTH) + " "
                + route.rejectText().orElseThrow())
            .build();
    }
}
