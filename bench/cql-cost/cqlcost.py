# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Issue 8 research: Mailfort (scanning off) on a private Cassandra, SMTP load, CPU per message per process, and
optionally the Cassandra full query log around the measurement window."""

import imaplib, json, os, re, ssl, subprocess, sys, time, argparse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "harness"))
import common, daemons, servers  # noqa: E402

# The run's working directory: the Cassandra node started by cassandra-runner (cass/, cass.pid), nodetool.sh
# (NodeTool with that node's class path and JMX port) and the results (runs/).
H7 = Path(os.environ.get("CQL_COST_WORK", str(Path(__file__).resolve().parents[1] / "work" / "cql-cost")))
OURS = {"smtp": 26525, "submission": 26587, "submissions": 26565, "imap": 26543, "imaps": 26593,
        "pop3": 26510, "pop3s": 26595, "lmtp": 26524, "sieve": 26590, "webadmin": 26580}
common.PORTS["mailfort"] = OURS
common.PORTS["cassandra"] = {"native": 39142, "storage": 39100, "jmx": 39299}
DNS = "127.0.26.53"
common.DNS_ADDRESS = daemons.DNS_ADDRESS = servers.DNS_ADDRESS = DNS
CASS_PIDS = [int((H7 / "cass.pid").read_text()), int((H7 / "cass" / "cassandra.pid").read_text())]
NODETOOL = str(H7 / "nodetool.sh")
USER = "rcpt"


def make_conf(target, keyspace, knobs, domain_cache=False):
    servers.mailfort_conf(target, scanning=False)
    if domain_cache:
        servers.edit(target / "domainlist.xml", lambda t: t.replace("</domainlist>",
                     "    <read><cache><enable>true</enable><expiracy>10s</expiracy></cache></read>\n</domainlist>"))
    servers.edit(target / "cassandra.properties",
                 lambda t: re.sub(r"(?m)^cassandra\.keyspace=.*$", f"cassandra.keyspace={keyspace}", t))
    servers.edit(target / "console.properties", lambda t: re.sub(r"(?m)^port=\d+$", "port=26589", t))
    if knobs:
        with open(target / "cassandra.properties", "a") as f:
            f.write("\n# h7 experiment\n" + "".join(f"{k}={v}\n" for k, v in knobs.items()))


def cpu(pids):
    return common.cpu_seconds(pids)


def imap_count(port):
    m = imaplib.IMAP4("127.0.0.1", port)
    m.starttls(ssl_context=ssl._create_unverified_context())
    m.login(f"{USER}@{common.DOMAIN}", common.PASSWORD)
    return m


def status(m):
    typ, data = m.status("INBOX", "(MESSAGES)")
    return int(re.search(rb"MESSAGES (\d+)", data[0]).group(1))


def send(n, sessions, size=4096):
    return subprocess.run(["/usr/sbin/smtp-source", "-s", str(sessions), "-m", str(n), "-l", str(size),
                           "-M", common.HELO, "-f", common.SENDER, "-t", f"{USER}@{common.DOMAIN}", "-S", "h7",
                           f"127.0.0.1:{OURS['smtp']}"], capture_output=True, text=True)


def run_once(n, sessions, jvm, poll_interval, fql_dir=None):
    m = imap_count(OURS["imap"])
    base = status(m)
    polls = 1
    if fql_dir:
        subprocess.run(["rm", "-rf", fql_dir]); os.makedirs(fql_dir)
        subprocess.run([NODETOOL, "enablefullquerylog", "--path", fql_dir, "--blocking", "true"], check=True,
                       capture_output=True)
    c0, j0, l0, t0 = cpu(CASS_PIDS), cpu([jvm]), os.getloadavg()[0], time.monotonic()
    sender = subprocess.Popen(["/usr/sbin/smtp-source", "-s", str(sessions), "-m", str(n), "-l", "4096",
                               "-M", common.HELO, "-f", common.SENDER, "-t", f"{USER}@{common.DOMAIN}", "-S", "h7",
                               f"127.0.0.1:{OURS['smtp']}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    accepted = None
    while True:
        time.sleep(poll_interval)
        if accepted is None and sender.poll() is not None:
            accepted = time.monotonic() - t0
        polls += 1
        if status(m) - base >= n:
            break
        if time.monotonic() - t0 > 600:
            raise SystemExit("timeout")
    t1 = time.monotonic()
    c1, j1, l1 = cpu(CASS_PIDS), cpu([jvm]), os.getloadavg()[0]
    if fql_dir:
        subprocess.run([NODETOOL, "disablefullquerylog"], check=True, capture_output=True)
    out, err = sender.communicate()
    if sender.returncode:
        print("smtp-source:", sender.returncode, err[-500:])
    m.logout()
    wall = t1 - t0
    return {"n": n, "sessions": sessions, "wall_s": round(wall, 2), "accepted_s": accepted and round(accepted, 2),
            "msg_per_s": round(n / wall, 1), "cass_cpu_ms_per_msg": round(1000 * (c1 - c0) / n, 2),
            "jvm_cpu_ms_per_msg": round(1000 * (j1 - j0) / n, 2), "load_start": l0, "load_end": l1,
            "status_polls": polls}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--knob", action="append", default=[])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--n", type=int, default=300)
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--fql", action="store_true")
    p.add_argument("--poll", type=float, default=0.5)
    p.add_argument("--domain-cache", action="store_true")
    p.add_argument("--warmup", type=int, default=600)
    p.add_argument("--fql-after", type=int, default=0)
    a = p.parse_args()
    knobs = dict(k.split("=", 1) for k in a.knob)
    work = common.fresh_dir(H7 / "runs" / a.name)
    keyspace = "h7_" + re.sub(r"\W", "_", a.name)
    dns = daemons.start_dns(work / "dns")
    try:
        make_conf(work / "conf", keyspace, knobs, a.domain_cache)
        run_dir = work / "run"; run_dir.mkdir()
        env = dict(os.environ, MAILFORT_LOG_DIR=str(run_dir / "logs"))
        server = common.spawn(["java"] + servers.JVM_HEAP + ["-cp", daemons.MAILFORT_JAR,
                              "dev.mailfort.server.local.LocalRun", work / "conf", run_dir],
                              work / "mailfort.out", cwd=run_dir, env=env)
        try:
            common.wait_for_220(OURS["smtp"], time.monotonic(), 300, server)
            common.wait_until(lambda: common.port_open(OURS["webadmin"]) and common.port_open(OURS["imap"]), 120,
                              "webadmin", process=server)
            servers.webadmin(OURS["webadmin"], "PUT", f"/domains/{common.DOMAIN}")
            servers.webadmin(OURS["webadmin"], "PUT", f"/users/{USER}@{common.DOMAIN}", {"password": common.PASSWORD})
            # warm-up
            for _ in range(a.warmup // 300):
                w = run_once(300, a.sessions, server.pid, 1.0)
                print("warmup", json.dumps(w), flush=True)
            results = []
            for i in range(a.runs):
                r = run_once(a.n, a.sessions, server.pid, a.poll,
                             fql_dir=str(work / f"fql{i}") if a.fql else None)
                r["knobs"] = dict(knobs, domain_cache=a.domain_cache)
                print("run", json.dumps(r), flush=True)
                results.append(r)
            if a.fql_after:
                r = run_once(a.fql_after, a.sessions, server.pid, 1.0, fql_dir=str(work / "fql"))
                r["knobs"] = dict(knobs, domain_cache=a.domain_cache); r["fql"] = True
                print("fqlrun", json.dumps(r), flush=True)
                results.append(r)
            (work / "results.json").write_text(json.dumps(results, indent=1))
        finally:
            common.stop_process(server, 90)
    finally:
        common.stop_process(dns, 10)


if __name__ == "__main__":
    main()
