/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.logging;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * One JSON object per line, for log shippers: {@code timestamp}, {@code level}, {@code logger}, {@code thread},
 * {@code message}, every entry of the logging context (James's {@code protocol}, {@code ip}, {@code user}; the
 * decision fields {@code mailfort.*}) as its own field, and {@code exception} with the stack trace.
 */
public class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(256);
        json.append('{');
        field(json, "timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        json.append(',');
        field(json, "level", event.getLevel().toString());
        json.append(',');
        field(json, "logger", event.getLoggerName());
        json.append(',');
        field(json, "thread", event.getThreadName());
        json.append(',');
        field(json, "message", event.getFormattedMessage());
        Map<String, String> context = event.getMDCPropertyMap();
        if (context != null) {
            new TreeMap<>(context).forEach((key, value) -> {
                if (value != null && !value.isEmpty()) {
                    json.append(',');
                    field(json, key, value);
                }
            });
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            json.append(',');
            field(json, "exception", ThrowableProxyUtil.asString(thrown));
        }
        return json.append('}').append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        string(json, name);
        json.append(':');
        string(json, value == null ? "" : value);
    }

    /** RFC 8259 string: quotes, backslashes and every control character escaped, so one event stays one line. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
