# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""The helpers every server under test needs: DNS, clamd, rspamd, Cassandra, a TLS certificate. Each one is a child
process with a private configuration in a work directory, on loopback ports of its own."""

import os
import time
import socket
from pathlib import Path

from common import (DNS_ADDRESS, LOOPBACK, PORTS, REPO, SENDER_DOMAIN, HELO, WORK, fresh_dir, log, port_open, run,
                    spawn, wait_until)

# MAILFORT_BENCH_JAR measures another build (e.g. the commit before a change) without touching this tree's.
MAILFORT_JAR = Path(os.environ.get("MAILFORT_BENCH_JAR", REPO / "server-app" / "target" / "mailfort-server.jar"))


def start_dns(directory):
    """dnsmasq serving the sender's domain as a real one would: SPF passing for loopback, a DMARC record (p=none),
    a PTR and A record for its mail server. Every other name under .example, .localhost and in-addr.arpa is NXDOMAIN
    (Mailfort's DNS health check asks for MX localhost: any answer is healthy); names elsewhere are REFUSED at once
    (no upstream)."""
    directory = fresh_dir(directory)
    config = directory / "dnsmasq.conf"
    config.write_text("\n".join([
        "port=53", f"listen-address={DNS_ADDRESS}", "bind-interfaces", "no-resolv", "no-hosts", "no-poll",
        "user=root", f"pid-file={directory}/dnsmasq.pid", f"log-facility={directory}/dnsmasq.log",
        "local=/example/", "local=/in-addr.arpa/", "local=/localhost/",
        f'txt-record={SENDER_DOMAIN},"v=spf1 ip4:127.0.0.0/8 -all"',
        f'txt-record={HELO},"v=spf1 ip4:127.0.0.0/8 -all"',
        f'txt-record=_dmarc.{SENDER_DOMAIN},"v=DMARC1; p=none"',
        f"host-record={HELO},127.0.0.1",
        f"ptr-record=1.0.0.127.in-addr.arpa,{HELO}",
        f"mx-host={SENDER_DOMAIN},{HELO},10",
    ]) + "\n")
    process = spawn(["dnsmasq", "--keep-in-foreground", f"--conf-file={config}"], directory / "dnsmasq.out",
                    track=False)

    def answers():
        try:
            with socket.create_connection((DNS_ADDRESS, 53), timeout=0.5):
                return True
        except OSError:
            return False
    wait_until(answers, 20, "dnsmasq", process=process)
    return process


def start_clamd(directory):
    """clamd as the local run starts it (local-daemons LocalClamd): Debian's defaults (StreamMaxLength 25M,
    MaxThreads 12); the system signatures when /var/lib/clamav holds some, otherwise the EICAR test signature only."""
    directory = fresh_dir(directory)
    (directory / "tmp").mkdir()
    system_db = Path("/var/lib/clamav")
    if any(p.suffix in (".cvd", ".cld") for p in system_db.glob("*")):
        database, signatures = system_db, "system database " + str(system_db)
        extra = []
    else:
        database = directory / "db"
        database.mkdir()
        (database / "mailfort-eicar-only.hdb").write_text("44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n")
        signatures = "EICAR test signature only (no ClamAV database on this machine)"
        extra = ["SelfCheck 0", "Bytecode no"]
    (directory / "clamd.conf").write_text("\n".join([
        "Foreground yes", f"TCPAddr {LOOPBACK}", f"TCPSocket {PORTS['clamd']}", f"PidFile {directory}/clamd.pid",
        f"LogFile {directory}/clamd.log", "LogTime yes", f"DatabaseDirectory {database}",
        f"TemporaryDirectory {directory}/tmp", "StreamMaxLength 25M", "MaxThreads 12"] + extra) + "\n")
    begin = time.monotonic()
    process = spawn(["clamd", f"--config-file={directory}/clamd.conf"], directory / "clamd.out")

    def pong():
        try:
            with socket.create_connection((LOOPBACK, PORTS["clamd"]), timeout=1) as s:
                s.sendall(b"zPING\0")
                return s.recv(16).startswith(b"PONG")
        except OSError:
            return False
    wait_until(pong, 300, "clamd", process=process)
    log(f"clamd ready in {time.monotonic() - begin:.1f} s ({signatures})")
    return process, signatures


def start_rspamd(directory, milter=False):
    """rspamd with Debian's packaged configuration, all modules and thresholds as shipped (as local-daemons
    StockRspamdConfig runs it for ./run.sh, but asking the bench DNS): one normal worker on PORTS['rspamd'].
    With milter=True also the packaged proxy worker in milter mode on PORTS['rspamd_milter'], which forwards to the
    normal worker (Debian's worker-proxy.inc)."""
    directory = fresh_dir(directory)
    override = directory / "local" / "override.d"
    local = directory / "local" / "local.d"
    override.mkdir(parents=True)
    local.mkdir(parents=True)
    (override / "worker-normal.inc").write_text(f'bind_socket = "{LOOPBACK}:{PORTS["rspamd"]}";\ncount = 1;\n')
    (override / "worker-controller.inc").write_text("enabled = false;\n")
    if milter:
        (override / "worker-proxy.inc").write_text(
            f'bind_socket = "{LOOPBACK}:{PORTS["rspamd_milter"]}";\n'
            f'upstream "local" {{\n  default = yes;\n  hosts = "{LOOPBACK}:{PORTS["rspamd"]}";\n}}\n')
    else:
        (override / "worker-proxy.inc").write_text("enabled = false;\n")
    # The bench DNS, not the closed port of ./run.sh's offline rspamd: with Postfix's milter rspamd asks DNS lists
    # about the client's and HELO's names, and a closed port costs each message its DNS timeout (~200 ms of waiting),
    # which no real resolver would. The bench DNS refuses those at once, like a fast cache.
    (local / "options.inc").write_text(f'dns {{\n  nameserver = ["{DNS_ADDRESS}:53"];\n}}\n')
    for sub in ("run", "log"):
        (directory / sub).mkdir()
    # rspamd compiles its rules (hyperscan) at first start, 30-70 s on 2 busy cores, into DBDIR. That cache is shared
    # by the bench's rspamd instances and kept between bench runs: it holds compiled rules, no mail state (the stock
    # configuration keeps Bayes and fuzzy data in Redis, which is not configured, so they are off).
    database = WORK / "rspamd-db"
    database.mkdir(parents=True, exist_ok=True)
    begin = time.monotonic()
    process = spawn(["rspamd", "-f", "-i", "-c", "/etc/rspamd/rspamd.conf",
                     "--var", f"DBDIR={database}", "--var", f"RUNDIR={directory}/run",
                     "--var", f"LOGDIR={directory}/log", "--var", f"LOCAL_CONFDIR={directory}/local"],
                    directory / "console.log")

    def ping():
        try:
            with socket.create_connection((LOOPBACK, PORTS["rspamd"]), timeout=1) as s:
                s.sendall(b"GET /ping HTTP/1.0\r\n\r\n")
                return b"pong" in s.recv(256)
        except OSError:
            return False
    wait_until(ping, 180, "rspamd", process=process)
    if milter:
        wait_until(lambda: port_open(PORTS["rspamd_milter"]), 60, "rspamd milter", process=process)
    log(f"rspamd ready in {time.monotonic() - begin:.1f} s{' (with milter proxy)' if milter else ''}")
    return process


def start_cassandra(directory):
    """A Cassandra 5.0 node from our cassandra-runner (what ./run.sh starts), default heap (1 GiB), on the bench's
    ports. Returns the launcher process once the node accepts CQL, and the seconds it took."""
    directory = fresh_dir(directory)
    c = PORTS["cassandra"]
    begin = time.monotonic()
    # Experiments: MAILFORT_BENCH_CASSANDRA_SETTINGS="concurrent_reads=8 concurrent_writes=8" (cassandra.yaml names).
    settings = [f"--setting={s}" for s in os.environ.get("MAILFORT_BENCH_CASSANDRA_SETTINGS", "").split()]
    process = spawn(["java", "-cp", MAILFORT_JAR, "dev.mailfort.cassandra.runner.LocalCassandraMain", *settings,
                     directory / "node", c["native"], c["storage"], c["jmx"]], directory / "launcher.log")
    wait_until(lambda: "CASSANDRA_READY" in (directory / "launcher.log").read_text(errors="replace"), 300,
               "Cassandra", process=process, interval=0.5)
    took = time.monotonic() - begin
    log(f"Cassandra ready in {took:.1f} s")
    return process, took


def make_certificate(directory):
    """A self-signed certificate for Dovecot (PEM) and a PKCS12 keystore for stock James."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key, cert = directory / "key.pem", directory / "cert.pem"
    if not cert.exists():
        run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj", "/CN=localhost",
             "-keyout", key, "-out", cert], capture_output=True)
    return key, cert
