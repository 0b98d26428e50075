/*
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
 * with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package dev.mailfort.cassandra.runner;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * Main class of the Cassandra JVM: starts a watch on the parent process, then hands over to Cassandra.
 *
 * <p>A shutdown hook in the parent stops the node on a normal exit or Ctrl-C, but not when the parent is killed
 * outright (SIGKILL, a surefire fork killed on timeout). Without the watch the node would then run on, holding its
 * ports and directory. When the parent goes, the node exits normally, so Cassandra's own shutdown hook drains it.
 *
 * <p>Runs in the child JVM only. Cassandra is reached by reflection so that this module holds no compiled
 * reference to it: its consumers do not have Cassandra on their class path.
 */
public final class CassandraChildMain {
    static final String PARENT_PID_PROPERTY = "mailfort.cassandra.parent-pid";
    private static final String DAEMON_CLASS = "org.apache.cassandra.service.CassandraDaemon";
    private static final long POLL_MILLIS = 1000;
    private static final long EXIT_GRACE_MILLIS = 60_000;

    private CassandraChildMain() {
    }

    public static void main(String[] args) throws Throwable {
        Optional.ofNullable(System.getProperty(PARENT_PID_PROPERTY))
            .map(Long::parseLong)
            .ifPresent(CassandraChildMain::watchParent);
        try {
            Class.forName(DAEMON_CLASS).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void watchParent(long parentPid) {
        Thread watch = new Thread(() -> {
            while (parentAlive(parentPid)) {
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.err.println("Parent process " + parentPid + " is gone: stopping Cassandra");
            haltLater();
            System.exit(0);
        }, "mailfort-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Compares with the current parent, so a reused process id does not keep the node alive. */
    private static boolean parentAlive(long parentPid) {
        return ProcessHandle.current().parent()
            .filter(parent -> parent.pid() == parentPid)
            .map(ProcessHandle::isAlive)
            .orElse(false);
    }

    /** Cassandra's drain can hang when the node is half started; then the process must still go away. */
    private static void haltLater() {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            Runtime.getRuntime().halt(1);
        }, "mailfort-exit-deadline");
        halt.setDaemon(true);
        halt.start();
    }
}
