/*
 * Copyright 2026 Mailfort contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.mailfort.console;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;

import reactor.core.publisher.Mono;

/** The results of James's health checks (the same as WebAdmin's {@code /healthcheck}), checked when the page opens. */
public final class HealthPage implements ConsoleRoutes.Section {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Set<HealthCheck> checks;

    public HealthPage(Set<HealthCheck> checks) {
        this.checks = Set.copyOf(checks);
    }

    @Override
    public void addTo(ConsoleRoutes routes) {
        routes.get("/health", this::show);
    }

    private void show(ConsoleExchange exchange, ConsoleSession session) throws Exception {
        List<Result> results = checks.stream()
            .sorted(Comparator.comparing(check -> check.componentName().getName()))
            .map(HealthPage::run)
            .collect(Collectors.toList());
        StringBuilder rows = new StringBuilder();
        for (Result result : results) {
            rows.append("<tr class=\"").append(result.getStatus().name().toLowerCase(java.util.Locale.ROOT))
                .append("\">").append(Page.td(result.getComponentName().getName()))
                .append(Page.td(result.getStatus().getValue()))
                .append(Page.td(result.getCause().orElse(""))).append("</tr>");
        }
        exchange.html(200, Page.of("Health", session,
            Page.table(Page.th("Component", "Status", "Cause"), rows.toString(), "No health check.")));
    }

    // A check that hangs is reported as unhealthy after the timeout rather than holding the page forever.
    private static Result run(HealthCheck check) {
        ComponentName name = check.componentName();
        try {
            return Mono.from(check.check()).timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(Result.unhealthy(name, "check failed: " + e.getMessage())))
                .blockOptional().orElse(Result.unhealthy(name, "no result"));
        } catch (RuntimeException e) {
            return Result.unhealthy(name, "check failed: " + e.getMessage());
        }
    }
}
