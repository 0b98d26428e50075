# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Same-minute A/B: two Mailfort servers (different conf) on the same Cassandra node, both warmed up, loaded in
turn (A, B, A, B, ...), so that both see the same machine load. Usage: abtest.py NAME 'knobsA' 'knobsB' ROUNDS."""

import json, os, re, sys, time, statistics
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cqlcost  # noqa: E402  (sets the harness's ports, DNS address, Cassandra pids)
from cqlcost import common, daemons, servers  # noqa: E402

PORT_SETS = [
    {"smtp": 26525, "submission": 26526, "submissions": 26527, "imap": 26543, "imaps": 26544, "pop3": 26510,
     "pop3s": 26511, "lmtp": 26524, "sieve": 26512, "webadmin": 26580, "console": 26589},
    {"smtp": 26555, "submission": 26556, "submissions": 26557, "imap": 26573, "imaps": 26574, "pop3": 26560,
     "pop3s": 26561, "lmtp": 26554, "sieve": 26562, "webadmin": 26590, "console": 26599},
]


def parse(spec):
    knobs, domain_cache = {}, False
    for item in spec.split():
        if item == "domain-cache":
            domain_cache = True
        else:
            k, v = item.split("=", 1)
            knobs[k] = v
    return knobs, domain_cache


def start(work, keyspace, spec, ports):
    knobs, domain_cache = parse(spec)
    common.PORTS["mailfort"] = {k: v for k, v in ports.items() if k != "console"}
    cqlcost.make_conf(work / "conf", keyspace, knobs, domain_cache)
    if ports["console"] != 26589:
        servers.edit(work / "conf" / "console.properties", lambda t: t.replace("port=26589", f"port={ports['console']}"))
    run_dir = work / "run"; run_dir.mkdir()
    env = dict(os.environ, MAILFORT_LOG_DIR=str(run_dir / "logs"))
    server = common.spawn(["java"] + servers.JVM_HEAP + ["-cp", daemons.MAILFORT_JAR,
                           "dev.mailfort.server.local.LocalRun", work / "conf", run_dir], work / "mailfort.out",
                          cwd=run_dir, env=env)
    try:
        common.wait_for_220(ports["smtp"], time.monotonic(), 400, server)
        common.wait_until(lambda: common.port_open(ports["webadmin"]) and common.port_open(ports["imap"]), 120,
                          "webadmin", process=server)
        servers.webadmin(ports["webadmin"], "PUT", f"/domains/{common.DOMAIN}")
        servers.webadmin(ports["webadmin"], "PUT", f"/users/{cqlcost.USER}@{common.DOMAIN}",
                         {"password": common.PASSWORD})
    except BaseException:
        common.stop_process(server, 90)
        raise
    return server


def use(ports):
    cqlcost.OURS = ports


def main():
    name, spec_a, spec_b, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    n = int(os.environ.get("AB_N", "400"))
    work = common.fresh_dir(cqlcost.H7 / "runs" / name)
    common.check_ports_free([p for ports in PORT_SETS for p in ports.values()], patience=30)
    dns = daemons.start_dns(work / "dns")
    started = []
    try:
        for i, spec in enumerate((spec_a, spec_b)):
            (work / "AB"[i]).mkdir()
            keyspace = "h7_" + re.sub(r"\W", "_", name) + "_" + "ab"[i]
            started.append(start(work / "AB"[i], keyspace, spec, PORT_SETS[i]))
        for _ in range(3):  # warm-up, both
            for i in range(2):
                use(PORT_SETS[i])
                print("warmup", "AB"[i], json.dumps(cqlcost.run_once(300, 20, started[i].pid, 1.0)), flush=True)
        results = {"A": [], "B": []}
        for r in range(rounds):
            order = (0, 1) if r % 2 == 0 else (1, 0)
            for i in order:
                use(PORT_SETS[i])
                res = cqlcost.run_once(n, 20, started[i].pid, 0.5)
                results["AB"[i]].append(res)
                print("run", "AB"[i], json.dumps(res), flush=True)
        summary = {"A": spec_a, "B": spec_b}
        for side in "AB":
            for key in ("msg_per_s", "cass_cpu_ms_per_msg", "jvm_cpu_ms_per_msg"):
                summary[f"{side} {key} median"] = statistics.median(x[key] for x in results[side])
        print("summary", json.dumps(summary), flush=True)
        (work / "results.json").write_text(json.dumps({"summary": summary, "runs": results}, indent=1))
    finally:
        for s in started:
            common.stop_process(s, 90)
        common.stop_process(dns, 10)


if __name__ == "__main__":
    main()
