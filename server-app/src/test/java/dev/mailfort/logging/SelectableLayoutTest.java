/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

class SelectableLayoutTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void jsonFormatWritesOneEscapedObjectPerLineWithTheContextFields() {
        SelectableLayout layout = layout("json");
        LoggingEvent event = event("decision=quarantined \"quoted\"\r\nforged line");
        event.setMDCPropertyMap(Map.of("mailfort.decision", "quarantined", "ip", "192.0.2.7"));

        String line = layout.doLayout(event);

        assertThat(line).endsWith("}" + System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r")
            .startsWith("{\"timestamp\":\"1970-01-01T00:00:01Z\",\"level\":\"INFO\",\"logger\":\"mailfort.decisions\"")
            .contains("\"message\":\"decision=quarantined \\\"quoted\\\"\\r\\nforged line\"")
            .contains("\"ip\":\"192.0.2.7\"")
            .contains("\"mailfort.decision\":\"quarantined\"");
    }

    @Test
    void textFormatUsesThePattern() {
        SelectableLayout layout = layout("text");

        assertThat(layout.doLayout(event("hello"))).isEqualTo("INFO mailfort.decisions hello\n");
    }

    @Test
    void anUnknownFormatFallsBackToText() {
        assertThat(layout("yaml").doLayout(event("hello"))).isEqualTo("INFO mailfort.decisions hello\n");
    }

    private SelectableLayout layout(String format) {
        SelectableLayout layout = new SelectableLayout();
        layout.setContext(context);
        layout.setFormat(format);
        layout.setPattern("%level %logger %msg%n");
        layout.start();
        return layout;
    }

    private LoggingEvent event(String message) {
        Logger logger = context.getLogger("mailfort.decisions");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
        event.setTimeStamp(1000);
        event.setThreadName("main");
        return event;
    }
}
