/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.Mailet;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands mail that {@link RouteByTransportMap} routed to a smarthost (or to MX delivery with a TLS policy of its own)
 * to a remote delivery made for that route: James's RemoteDelivery with the route's gateway, port, STARTTLS policy
 * and AUTH credentials, and its own durable queue ({@code outgoing-<host>-<port>-<tls>}, listed by WebAdmin's
 * {@code /mailQueues}), so that one slow smarthost never holds up the others. Mail without a route mark goes on
 * unchanged to the next mailet (the processor's RemoteDelivery, MX lookup).
 *
 * <p>RemoteDelivery's settings are per instance, hence one per route, made at start for every route of the
 * transport map. Every parameter of this mailet other than {@code mapFile} is passed to each of them as it is
 * ({@code delayTime}, {@code maxRetries}, {@code bounceProcessor}, {@code sendpartial}, {@code timeout},
 * {@code connectiontimeout}, {@code heloName}, {@code mail.*} JavaMail properties...), except what the route decides:
 * {@code gateway}, {@code gatewayPort}, {@code gatewayUsername}, {@code gatewayPassword}, {@code outgoing},
 * {@code startTLS}, {@code verifyServerIdentity}, {@code mail.smtp.starttls.required} and {@code mail.smtp.ssl.trust}.
 * TLS policies: {@code none} (clear text), {@code may} (STARTTLS when offered, certificate not checked),
 * {@code encrypt} (STARTTLS required, certificate not checked), {@code verify} (STARTTLS required, certificate
 * checked against the host name with the JDK's trust store).
 *
 * <p>Put it after SignWithDkim and before RemoteDelivery, with the same settings as RemoteDelivery so that all
 * outbound mail retries and bounces alike. Removing a relay route from the map while mail waits in its queue leaves
 * that mail there until the route comes back.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li>{@code mapFile} (default {@code file://conf/transport.map}): the same map as RouteByTransportMap's.</li>
 *   <li>Anything RemoteDelivery takes, as described above (RemoteDelivery's defaults apply to what is left out).</li>
 * </ul>
 *
 * <h2>Example</h2>
 * <pre>{@code
 * <mailet match="All" class="dev.mailfort.mailets.routing.RelayThroughSmarthost">
 *     <mapFile>file://conf/transport.map</mapFile>
 *     <delayTime>5 minutes, 15 minutes, 30 minutes, 1 hour, 2*2 hours, 4*4 hours, 7*12 hours</delayTime>
 *     <maxRetries>17</maxRetries>
 *     <bounceProcessor>bounces</bounceProcessor>
 *     <sendpartial>true</sendpartial>
 * </mailet>
 * }</pre>
 */
public class RelayThroughSmarthost extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(RelayThroughSmarthost.class);

    private final FileSystem fileSystem;
    private final RemoteDeliveryFactory deliveryFactory;
    private final Map<String, Mailet> deliveries = new LinkedHashMap<>();

    @Inject
    public RelayThroughSmarthost(FileSystem fileSystem, DNSService dns, DomainList domainList,
                                 MailQueueFactory<?> queues, MetricFactory metrics) {
        this(fileSystem, RemoteDeliveryFactory.james(dns, domainList, queues, metrics));
    }

    RelayThroughSmarthost(FileSystem fileSystem, RemoteDeliveryFactory deliveryFactory) {
        this.fileSystem = fileSystem;
        this.deliveryFactory = deliveryFactory;
    }

    @Override
    public void init() throws MessagingException {
        String location = getInitParameter("mapFile", TransportMapFile.DEFAULT_LOCATION).strip();
        Map<String, String> shared = new LinkedHashMap<>();
        getInitParameterNames().forEachRemaining(name -> shared.put(name, getInitParameter(name)));
        try {
            for (Route route : TransportMapFile.load(fileSystem, location).routes()) {
                if (route.needsOwnDelivery()) {
                    Optional<SmarthostCredentials> credentials = route.credentials()
                        .map(url -> SmarthostCredentials.read(fileSystem, url));
                    SmarthostDeliveryConfig config = SmarthostDeliveryConfig.of(route, shared, credentials, getMailetContext());
                    deliveries.put(route.key(), deliveryFactory.start(config));
                    LOGGER.info("Route {}: queue {}", route.key(), SmarthostDeliveryConfig.queueName(route));
                }
            }
        } catch (IllegalArgumentException e) {
            destroy();
            throw new MessagingException(getMailetName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<String> routeKey = AttributeUtils.getValueAndCastFromMail(mail, RouteByTransportMap.ROUTE, String.class);
        if (routeKey.isEmpty()) {
            return;
        }
        Mailet delivery = deliveries.get(routeKey.get());
        if (delivery == null) {
            // The map changed between routing and now (a restart with another map): the error processor keeps the
            // mail for an administrator rather than sending it somewhere the map no longer says.
            throw new MessagingException("No remote delivery for route " + routeKey.get() + " in the transport map");
        }
        delivery.service(mail);
    }

    @Override
    public void destroy() {
        deliveries.values().forEach(Mailet::destroy);
        deliveries.clear();
    }

    @Override
    public String getMailetInfo() {
        return "Delivers mail through the smarthost its transport map route names";
    }
}
