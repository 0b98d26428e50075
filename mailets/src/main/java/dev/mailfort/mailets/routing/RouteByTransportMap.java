/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each recipient by the transport map ({@link TransportMap} describes the file): splits a mail with
 * recipients on several routes into one mail per route, and sends each to the processor of its route.
 * <ul>
 *   <li>{@code local}: the mail stays in the current processor, whose next mailets deliver to our users' mailboxes
 *       (recipients of our domains without an entry of their own get this route).</li>
 *   <li>{@code mx}: to {@code relayProcessor}, whose RemoteDelivery looks up the MX records. With {@code tls=}, the
 *       mail is marked with {@value #ROUTE_ATTRIBUTE} for {@link RelayThroughSmarthost}.</li>
 *   <li>{@code relay:host:port}: to {@code relayProcessor}, marked with {@value #ROUTE_ATTRIBUTE} (the route's
 *       {@link Route#key()}), which {@link RelayThroughSmarthost} there turns into the smarthost's own queue.</li>
 *   <li>{@code reject}: to {@code rejectProcessor} with the reply text in the {@code delivery-error} attribute, which
 *       DSNBounce puts in the DSN's Diagnostic-Code. SMTP clients are refused earlier, at RCPT, by
 *       {@code dev.mailfort.protocols.smtp.RefuseRejectedDestinations}; this catches what the server rewrites or
 *       makes itself (aliases, forwards).</li>
 *   <li>{@code hold}: to {@code holdProcessor}, which keeps it in a mail repository. Released mail is reprocessed
 *       into a processor that sets {@value #RELEASED_ATTRIBUTE} before coming back here: hold entries are then
 *       skipped, so it is not held again.</li>
 * </ul>
 * Put it after RecipientRewriteTable (aliases are resolved first) and match only recipients that may be routed:
 * those of our domains, and others only when relaying is allowed; the rest goes on to the relay-denied handling.
 * The map is read once, at start; a line it cannot read stops the start with the file name and the line number.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code mapFile} (default {@code file://conf/transport.map}): a James file URL.</li>
 *   <li>{@code relayProcessor} (default {@code relay}): for {@code mx} and {@code relay} routes.</li>
 *   <li>{@code holdProcessor} (default {@code hold}).</li>
 *   <li>{@code rejectProcessor} (default {@code bounces}).</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <matcher name="routable" match="org.apache.james.mailetcontainer.impl.matchers.Or">
 *     <matcher match="HostIsLocal"/>
 *     <matcher match="SMTPAuthSuccessful"/>
 *     <matcher match="SentByMailet"/>
 * </matcher>
 * <mailet match="routable" class="dev.mailfort.mailets.routing.RouteByTransportMap">
 *     <mapFile>file://conf/transport.map</mapFile>
 *     <relayProcessor>relay</relayProcessor>
 *     <holdProcessor>hold</holdProcessor>
 *     <rejectProcessor>bounces</rejectProcessor>
 * </mailet>
 * }</pre>
 */
public class RouteByTransportMap extends GenericMailet {
    public static final String ROUTE_ATTRIBUTE = "mailfort.routing.route";
    public static final String RELEASED_ATTRIBUTE = "mailfort.routing.released";
    static final AttributeName ROUTE = AttributeName.of(ROUTE_ATTRIBUTE);
    static final AttributeName RELEASED = AttributeName.of(RELEASED_ATTRIBUTE);
    // DSNBounce reads the Diagnostic-Code from this attribute (the name RemoteDelivery's Bouncer uses).
    static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");

    private static final Logger LOGGER = LoggerFactory.getLogger(RouteByTransportMap.class);

    private final FileSystem fileSystem;
    private TransportMap map = TransportMap.empty();
    private String relayProcessor;
    private String holdProcessor;
    private String rejectProcessor;

    @Inject
    public RouteByTransportMap(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    @Override
    public void init() throws MessagingException {
        String location = getInitParameter("mapFile", TransportMapFile.DEFAULT_LOCATION).strip();
        relayProcessor = getInitParameter("relayProcessor", "relay").strip();
        holdProcessor = getInitParameter("holdProcessor", "hold").strip();
        rejectProcessor = getInitParameter("rejectProcessor", "bounces").strip();
        try {
            map = TransportMapFile.load(fileSystem, location);
        } catch (IllegalArgumentException e) {
            throw new MessagingException(getMailetName() + ": " + e.getMessage(), e);
        }
        LOGGER.info("Transport map {}: routes {}", location, map.routes());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<Route, List<MailAddress>> recipientsByRoute = recipientsByRoute(mail);
        if (recipientsByRoute.size() == 1) {
            sendOn(mail, recipientsByRoute.keySet().iterator().next());
            return;
        }
        List<MailAddress> staying = recipientsByRoute.remove(Route.LOCAL);
        for (Map.Entry<Route, List<MailAddress>> part : recipientsByRoute.entrySet()) {
            Mail copy = mail.duplicate();
            try {
                copy.setName(mail.getName() + "-" + part.getKey().action().name().toLowerCase(Locale.ROOT)
                    + "-" + Integer.toHexString(part.getKey().key().hashCode()));
                copy.setRecipients(part.getValue());
                sendOn(copy, part.getKey());
                getMailetContext().sendMail(copy, copy.getState());
            } finally {
                LifecycleUtil.dispose(copy);
            }
        }
        if (staying == null) {
            mail.setState(Mail.GHOST);
        } else {
            mail.setRecipients(staying);
            sendOn(mail, Route.LOCAL);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Routes recipients by the transport map";
    }

    private Map<Route, List<MailAddress>> recipientsByRoute(Mail mail) {
        boolean released = mail.getAttribute(RELEASED).isPresent();
        Map<Route, List<MailAddress>> byRoute = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            boolean ours = getMailetContext().isLocalServer(recipient.getDomain());
            byRoute.computeIfAbsent(map.routeFor(recipient, ours, released), any -> new ArrayList<>()).add(recipient);
        }
        return byRoute;
    }

    private void sendOn(Mail mail, Route route) {
        mail.removeAttribute(ROUTE);
        switch (route.action()) {
            case LOCAL:
                return;
            case MX:
            case RELAY:
                if (route.needsOwnDelivery()) {
                    mail.setAttribute(new Attribute(ROUTE, AttributeValue.of(route.key())));
                }
                mail.setState(relayProcessor);
                return;
            case HOLD:
                LOGGER.info("Holding mail {} for {}", mail.getName(), recipients(mail.getRecipients()));
                mail.setState(holdProcessor);
                return;
            case REJECT:
                String reply = "550 5.7.1 " + route.rejectText().orElse(Route.DEFAULT_REJECT_TEXT);
                mail.setAttribute(new Attribute(DELIVERY_ERROR, AttributeValue.of(reply)));
                mail.setErrorMessage(reply);
                mail.setState(rejectProcessor);
                return;
            default:
                throw new IllegalStateException("unknown route " + route);
        }
    }

    private static String recipients(Collection<MailAddress> recipients) {
        return recipients.stream().map(MailAddress::asString).toList().toString();
    }
}
