/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.api.handler.ProtocolHandlerResultHandler;
import org.apache.james.protocols.pop3.POP3Session;

import dev.mailfort.mailets.monitoring.MetricNames;

/**
 * Counts the connections, commands and replies of one SMTP or POP3 server, for the Prometheus endpoint:
 * <ul>
 * <li>{@code mailfort_<name>_connections_opened_total}: connections that got a greeting;</li>
 * <li>{@code mailfort_<name>_connections_closed_total}: connections that ended, for whatever reason (opened minus
 * closed is the number open now);</li>
 * <li>{@code mailfort_<name>_commands_total}: command lines answered, unknown commands included (not the lines of a
 * message body);</li>
 * <li>{@code mailfort_<name>_replies_<class>_total}: those answers by class: {@code 2xx}, {@code 3xx}, {@code 4xx},
 * {@code 5xx} for SMTP, {@code ok} and {@code err} for POP3. A rising {@code 5xx} or {@code err} rate is the first
 * sign of a dictionary attack or a broken client.</li>
 * </ul>
 *
 * <p>Why a result handler and not a {@link ConnectHandler}: James 3.8.1's JMX statistics for connect handlers throw a
 * {@code NullPointerException} on a connect handler that lets the session go on (answers {@code null}), which kills
 * the greeting. A result handler only observes what the other handlers answered.
 *
 * <p>Parameter, in the {@code <handler>} element of a {@code <handlerchain>}:
 * <ul>
 * <li>{@code name}: the middle of the metric names. Default: {@code smtp} or {@code pop3}, from the protocol; give
 * each server its own name when a file declares several, or their counts add up.</li>
 * </ul>
 * <pre>{@code
 * <handler class="dev.mailfort.protocols.CountConnectionsAndCommands">
 *     <name>smtp_mx</name>
 * </handler>
 * }</pre>
 */
public class CountConnectionsAndCommands implements ProtocolHandlerResultHandler<Response, ProtocolSession>,
    DisconnectHandler<ProtocolSession> {

    private final MetricFactory metricFactory;
    private final Map<String, Counters> countersByName = new ConcurrentHashMap<>();
    private volatile String configuredName;

    @Inject
    public CountConnectionsAndCommands(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    @Override
    public void init(Configuration config) {
        String name = config.getString("name", null);
        configuredName = name == null || name.isBlank() ? null : MetricNames.part(name);
    }

    @Override
    public Response onResponse(ProtocolSession session, Response response, long executionTime, ProtocolHandler handler) {
        if (response == null) {
            return null;
        }
        Counters counters = counters(session);
        if (handler instanceof ConnectHandler) {
            counters.opened.increment();
        } else if (handler instanceof LineHandler) {
            // Line handlers of the session chain answer command lines only: the lines of a message body go to a
            // line handler pushed for DATA, which James does not pass through result handlers.
            counters.commands.increment();
            counters.replyClass(response.getRetCode()).increment();
        }
        return response;
    }

    @Override
    public void onDisconnect(ProtocolSession session) {
        counters(session).closed.increment();
    }

    private Counters counters(ProtocolSession session) {
        String name = configuredName != null ? configuredName : protocolOf(session);
        return countersByName.computeIfAbsent(name, serverName -> new Counters(metricFactory, serverName));
    }

    private static String protocolOf(ProtocolSession session) {
        return session instanceof POP3Session ? "pop3" : "smtp";
    }

    /** The counters of one server, looked up in the registry once rather than for every command. */
    private static final class Counters {
        private final MetricFactory metricFactory;
        private final String prefix;
        private final Metric opened;
        private final Metric closed;
        private final Metric commands;
        private final Map<String, Metric> replies = new ConcurrentHashMap<>();

        Counters(MetricFactory metricFactory, String name) {
            this.metricFactory = metricFactory;
            prefix = "mailfort_" + name;
            opened = metricFactory.generate(prefix + "_connections_opened");
            closed = metricFactory.generate(prefix + "_connections_closed");
            commands = metricFactory.generate(prefix + "_commands");
        }

        Metric replyClass(String retCode) {
            return replies.computeIfAbsent(classOf(retCode),
                replyClass -> metricFactory.generate(prefix + "_replies_" + replyClass));
        }

        private static String classOf(String retCode) {
            if (retCode == null || retCode.isEmpty()) {
                return "unknown";
            }
            if (Character.isDigit(retCode.charAt(0))) {
                return retCode.charAt(0) + "xx";
            }
            return MetricNames.part(retCode.replace("+", "").replace("-", ""));
        }
    }
}
