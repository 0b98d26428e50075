/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.server.container;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.apache.james.ExtraProperties;
import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailfort.server.CommonPoolSizing;
import dev.mailfort.server.MailfortServer;

/**
 * The container's entry point (the JVM is PID 1): builds the working directory from the configuration and the
 * environment ({@link ContainerLayout}, {@link EnvironmentConf}), starts the server, and on SIGTERM stops it
 * gracefully: the protocol servers stop accepting and finish their sessions, the mail queue closes its journal.
 *
 * <p>Usage: {@code ContainerMain [CONF_SOURCE WORKING_DIRECTORY STATE]}, defaults those of the image.
 */
public final class ContainerMain {
    static final int CONFIGURATION_ERROR = 2;

    private ContainerMain() {
    }

    public static void main(String[] args) throws Exception {
        CommonPoolSizing.atLeastTwoThreads();
        ContainerLayout layout = args.length == 3
            ? new ContainerLayout(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]))
            : ContainerLayout.IMAGE;
        EnvironmentConf environment;
        try {
            environment = EnvironmentConf.from(System.getenv());
            layout.prepare(environment);
        } catch (IllegalArgumentException | IOException e) {
            // Before logging is configured: the console is what the container runtime shows.
            System.err.println("Mailfort cannot start: " + e.getMessage());
            System.exit(CONFIGURATION_ERROR);
            return;
        }
        environment.systemProperties().forEach(System::setProperty);
        // Before the first logger exists, so that logging follows the generated conf/logback.xml.
        System.setProperty("logback.configurationFile", layout.conf().resolve("logback.xml").toString());
        System.setProperty(ExtraProperties.OVERRIDE_PROPERTY, layout.conf().resolve("jvm.properties").toString());
        ExtraProperties.initialize();

        Logger logger = LoggerFactory.getLogger(ContainerMain.class);
        logger.info("Mailfort starting: configuration {} copied to {}, state in {}", layout.confSource(), layout.conf(),
            layout.state());
        environment.describe().forEach(line -> logger.info("From the environment: {}", line));

        GuiceJamesServer server = MailfortServer.create(Configuration.builder()
            .workingDirectory(layout.workingDirectory().toFile())
            .build());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, logger), "mailfort-stop"));
        logger.info("Mailfort is ready, {} ms after the JVM started",
            ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static void stop(GuiceJamesServer server, Logger logger) {
        long begin = System.nanoTime();
        logger.info("Mailfort stopping (SIGTERM): no new connections, finishing the current ones");
        MailfortServer.stop(server);
        logger.info("Mailfort stopped cleanly in {} ms", (System.nanoTime() - begin) / 1_000_000);
    }
}
