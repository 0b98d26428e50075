/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.protocols;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
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
    private final Map<String, Names> namesByPrefix = new ConcurrentHashMap<>();
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
        Names names = names(session);
        if (handler instanceof ConnectHandler) {
            metricFactory.generate(names.opened).increment();
        } else if (handler instanceof LineHandler) {
            // Line handlers of the session chain answer command lines only: the lines of a message body go to a
            // line handler pushed for DATA, which James does not pass through result handlers.
            metricFactory.generate(names.commands).increment();
            metricFactory.generate(names.replyClass(response.getRetCode())).increment();
        }
        return response;
    }

    @Override
    public void onDisconnect(ProtocolSession session) {
        metricFactory.generate(names(session).closed).increment();
    }

    private Names names(ProtocolSession session) {
        String name = configuredName != null ? configuredName : protocolOf(session);
        return namesByPrefix.computeIfAbsent(name, Names::new);
    }

    private static String protocolOf(ProtocolSession session) {
        return session instanceof POP3Session ? "pop3" : "smtp";
    }

    /** The metric names of one server, built once rather than concatenated for every command. */
    private static final class Names {
        private final String prefix;
        private final String opened;
        private final String closed;
        private final String commands;
        private final Map<String, String> replies = new ConcurrentHashMap<>();

        Names(String name) {
            prefix = "mailfort_" + name;
            opened = prefix + "_connections_opened";
            closed = prefix + "_connections_closed";
            commands = prefix + "_commands";
        }

        String replyClass(String retCode) {
            return replies.computeIfAbsent(classOf(retCode), replyClass -> prefix + "_replies_" + replyClass);
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
