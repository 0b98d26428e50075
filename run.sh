#!/usr/bin/env bash
# Builds Mailfort and runs it from this folder: the configuration of conf/, state in run/, and a local Cassandra 5
# node started beside it unless conf/cassandra.properties names a reachable cluster. clamd and rspamd (Debian packages
# clamav-daemon and rspamd) are started beside it too, on free loopback ports, unless they already answer where
# conf/ expects them; without them mail waits in the queue (the pipeline fails closed). Ctrl-C stops everything.
# Needs JDK 17 and Maven. See README.md ("Run it").
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests install
# Restarts map a class data sharing archive of the server's classes, written by the first start of these jars on this
# JVM (see dev.mailfort.server.ClassDataArchive; docker/start does the same in the image).
key=$( (ls -ln --time-style=+%s server-app/target/lib server-app/target/mailfort-server.jar; java -version 2>&1) | cksum | cut -d ' ' -f 1)
archive=run/var/cds/mailfort-$key.jsa
find run/var/cds -maxdepth 1 -name 'mailfort-*.jsa*' ! -name "mailfort-$key.jsa" -delete 2>/dev/null || true
cds=()
if [ -f "$archive" ]; then
    cds=(-XX:SharedArchiveFile="$archive")
elif java -XX:+RecordDynamicDumpInfo -version >/dev/null 2>&1; then  # not every JVM can
    cds=(-XX:+RecordDynamicDumpInfo -Dmailfort.cds.archive="$archive")
fi
exec java -Xms256m -Xmx1g -Xlog:cds*=off "${cds[@]}" -cp server-app/target/mailfort-server.jar \
    dev.mailfort.server.local.LocalRun conf run
