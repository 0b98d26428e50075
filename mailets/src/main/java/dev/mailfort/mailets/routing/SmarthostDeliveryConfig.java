/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

/**
 * The configuration of James's RemoteDelivery for one route of its own: the relay processor's settings (retry
 * delays, bounce processor, timeouts, {@code mail.*} JavaMail properties...) with the route's destination, TLS
 * policy, credentials and a durable queue of its own in place of theirs.
 */
final class SmarthostDeliveryConfig implements MailetConfig {
    /** Settings that each route decides for itself; the shared ones are taken as they are. */
    static final Set<String> PER_ROUTE = Set.of("gateway", "gatewayport", "gatewayusername", "gatewaypassword",
        "outgoing", "outgoingqueue", "starttls", "verifyserveridentity", "sslenable",
        "mail.smtp.starttls.enable", "mail.smtp.starttls.required", "mail.smtp.ssl.trust",
        "mail.smtp.ssl.checkserveridentity", "mapfile");

    private final String name;
    private final Map<String, String> parameters;
    private final MailetContext context;

    private SmarthostDeliveryConfig(String name, Map<String, String> parameters, MailetContext context) {
        this.name = name;
        this.parameters = parameters;
        this.context = context;
    }

    static SmarthostDeliveryConfig of(Route route, Map<String, String> shared, Optional<SmarthostCredentials> credentials,
                                      MailetContext context) {
        Map<String, String> parameters = new LinkedHashMap<>();
        shared.forEach((key, value) -> {
            if (!PER_ROUTE.contains(key.toLowerCase(Locale.ROOT))) {
                parameters.put(key, value);
            }
        });
        parameters.put("outgoing", queueName(route));
        route.host().ifPresent(host -> {
            parameters.put("gateway", host);
            parameters.put("gatewayPort", String.valueOf(route.port()));
        });
        credentials.ifPresent(secret -> {
            parameters.put("gatewayUsername", secret.username());
            parameters.put("gatewayPassword", secret.password());
        });
        TlsPolicy tls = route.effectiveTls();
        parameters.put("startTLS", String.valueOf(tls != TlsPolicy.NONE));
        parameters.put("verifyServerIdentity", String.valueOf(tls == TlsPolicy.VERIFY));
        if (tls == TlsPolicy.ENCRYPT || tls == TlsPolicy.VERIFY) {
            // JavaMail then fails the connection when the server does not offer STARTTLS, instead of going on in clear.
            parameters.put("mail.smtp.starttls.required", "true");
        }
        if (tls == TlsPolicy.MAY || tls == TlsPolicy.ENCRYPT) {
            parameters.put("mail.smtp.ssl.trust", "*");
        }
        return new SmarthostDeliveryConfig("RemoteDelivery " + route.key().replaceAll(" auth=.*", ""), parameters, context);
    }

    /**
     * A name stable across restarts (mail waiting in the queue is found again) and readable in WebAdmin's
     * {@code /mailQueues}: {@code outgoing-smtp.example.net-587-verify}, {@code outgoing-mx-verify}. Two routes to
     * the same smarthost with different credentials get a short digest of the credentials file's URL.
     */
    static String queueName(Route route) {
        StringBuilder name = new StringBuilder("outgoing-");
        name.append(route.host().map(host -> host.replace(':', '.') + "-" + route.port()).orElse("mx"));
        name.append('-').append(route.effectiveTls().configName());
        route.credentials().ifPresent(url -> name.append("-auth-").append(digest(url)));
        return name.toString();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getInitParameter(String parameter) {
        return parameters.get(parameter);
    }

    @Override
    public Iterator<String> getInitParameterNames() {
        return parameters.keySet().iterator();
    }

    @Override
    public MailetContext getMailetContext() {
        return context;
    }

    @Override
    public String getMailetName() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
