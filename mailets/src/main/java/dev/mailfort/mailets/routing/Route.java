/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.mailets.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the recipients of one transport map entry go. {@link #key()} is a canonical text of the route: mails carry
 * it from the transport processor to the relay processor, where it picks the remote delivery (queue, smarthost, TLS
 * policy, credentials) to use.
 *
 * @param host       the smarthost, for {@link RouteAction#RELAY} only
 * @param port       the smarthost's port, for {@link RouteAction#RELAY} only
 * @param tls        the STARTTLS policy; empty: the relay processor's own (opportunistic) for MX delivery,
 *                   {@link TlsPolicy#MAY} for a smarthost
 * @param credentials a James file URL of the smarthost's AUTH user name and password, never the secrets themselves
 * @param rejectText the text of the 550 reply, for {@link RouteAction#REJECT} only
 */
public record Route(RouteAction action, Optional<String> host, int port, Optional<TlsPolicy> tls,
                    Optional<String> credentials, Optional<String> rejectText) {
    static final int DEFAULT_RELAY_PORT = 25;
    static final String DEFAULT_REJECT_TEXT = "Delivery to this address is not allowed";

    public static final Route LOCAL = simple(RouteAction.LOCAL);
    public static final Route MX = simple(RouteAction.MX);
    public static final Route HOLD = simple(RouteAction.HOLD);

    public Route {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(rejectText, "rejectText");
    }

    static Route simple(RouteAction action) {
        return new Route(action, Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Route mx(TlsPolicy tls) {
        return new Route(RouteAction.MX, Optional.empty(), 0, Optional.of(tls), Optional.empty(), Optional.empty());
    }

    static Route relay(String host, int port, TlsPolicy tls, Optional<String> credentials) {
        return new Route(RouteAction.RELAY, Optional.of(host), port, Optional.of(tls), credentials, Optional.empty());
    }

    static Route reject(String text) {
        return new Route(RouteAction.REJECT, Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.of(text));
    }

    /**
     * Whether the mail needs a remote delivery of its own (a smarthost, or MX delivery with a TLS policy other than
     * the relay processor's), rather than the relay processor's RemoteDelivery.
     */
    public boolean needsOwnDelivery() {
        return action == RouteAction.RELAY || (action == RouteAction.MX && tls.isPresent());
    }

    public TlsPolicy effectiveTls() {
        return tls.orElse(TlsPolicy.MAY);
    }

    public String key() {
        return switch (action) {
            case LOCAL -> "local";
            case HOLD -> "hold";
            case REJECT -> "reject";
            case MX -> tls.map(policy -> "mx tls=" + policy.configName()).orElse("mx");
            case RELAY -> "relay:[" + host.orElseThrow() + "]:" + port + " tls=" + effectiveTls().configName()
                + credentials.map(url -> " auth=" + url).orElse("");
        };
    }

    @Override
    public String toString() {
        return key();
    }
}
