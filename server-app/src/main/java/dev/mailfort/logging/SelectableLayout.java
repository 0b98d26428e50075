/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.logging;

import java.util.Locale;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;

/**
 * The log format chosen by configuration: {@code text} (the {@code pattern}) or {@code json} ({@link JsonLineLayout}).
 * Logback can only choose between configurations with an extra scripting library; this keeps logback.xml to one
 * appender whose format is a property, set from {@code MAILFORT_LOG_FORMAT}.
 */
public class SelectableLayout extends LayoutBase<ILoggingEvent> {
    private String format = "text";
    private String pattern = "%d %-5level [%thread] %logger{36} - %msg%n";
    private Layout<ILoggingEvent> chosen;

    public void setFormat(String format) {
        this.format = format;
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        String wanted = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
        if ("json".equals(wanted)) {
            chosen = new JsonLineLayout();
        } else {
            if (!"text".equals(wanted)) {
                addWarn("Unknown log format '" + format + "', using text (text or json)");
            }
            PatternLayout text = new PatternLayout();
            text.setPattern(pattern);
            chosen = text;
        }
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    @Override
    public void stop() {
        if (chosen != null) {
            chosen.stop();
        }
        super.stop();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return chosen.doLayout(event);
    }
}
