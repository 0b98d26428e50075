#!/usr/bin/env bash
# Builds Mailfort and runs it from this folder: the configuration of conf/, state in run/, and a local Cassandra 5
# node started beside it unless conf/cassandra.properties names a reachable cluster. clamd and rspamd (Debian packages
# clamav-daemon and rspamd) are started beside it too, on free loopback ports, unless they already answer where
# conf/ expects them; without them mail waits in the queue (the pipeline fails closed). Ctrl-C stops everything.
# Needs JDK 17 and Maven. See README.md ("Run it").
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests install
exec java -Xms256m -Xmx1g -cp server-app/target/mailfort-server.jar dev.mailfort.server.local.LocalRun conf run
