# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""The results file: machine, versions, medians per load and server, ratios of Mailfort to each peer."""

import json
import os
import platform
import re
import statistics
import subprocess
import sys
from pathlib import Path

from common import REPO


def sh(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=30)
        return (result.stdout + result.stderr).strip()
    except OSError:
        return "?"


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
                 "?")
    mem = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return f"{os.cpu_count()} CPUs ({model}), {mem / 1024 / 1024:.1f} GiB RAM, Linux {platform.release()}"


def versions():
    lib = REPO / "server-app" / "target" / "lib"
    cassandra = "?"
    for jar in lib.glob("mailfort-cassandra-runner-*.jar"):
        listing = sh(["unzip", "-p", str(jar), "dev/mailfort/cassandra/runner/cassandra.classpath"])
        found = re.search(r"cassandra-all-([0-9.]+)\.jar", listing)
        cassandra = found.group(1) if found else "?"
    commit = sh(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"])
    dirty = sh(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"])
    return {
        "Mailfort": f"commit {commit}{' (with uncommitted changes)' if dirty else ''}, on James 3.8.1",
        "Cassandra": cassandra,
        "Java": sh(["java", "-version"]).splitlines()[0],
        "Postfix": sh(["postconf", "-d", "-h", "mail_version"]),
        "Dovecot": sh(["dovecot", "--version"]),
        "rspamd": sh(["rspamd", "--version"]).splitlines()[0] if sh(["rspamd", "--version"]) else "?",
        "clamd": sh(["clamd", "--version"]),
        "stock James": "org.apache.james:james-server-memory-app:3.8.1 (Maven Central)",
        "smtp-source": "from Debian's postfix package " + sh(["dpkg-query", "-W", "-f=${Version}", "postfix"]),
    }


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=1, unit=""):
    if value is None:
        return "–"
    return f"{value:.{digits}f}{unit}"


def ratio(ours, theirs, digits=2):
    if ours is None or theirs in (None, 0):
        return "–"
    return f"{ours / theirs:.{digits}f}×"


def mib_pair(memory):
    return f"{memory['rss'] / 1024:.0f} / {memory['pss'] / 1024:.0f}" if memory else "–"


def summarize(record, load_key):
    runs = [r for r in record.get("runs", []) if r["load"] == load_key]
    if not runs:
        return None
    complete = all(r["delivered"] >= r["messages"] for r in runs)
    return {
        "n": len(runs),
        "messages": runs[0]["messages"],
        "complete": complete,
        "errors": [r["error"] for r in runs if r.get("error")],
        "overshoot": max(r.get("status_above_accepted", 0) for r in runs),
        "delivered": [r["delivered"] for r in runs],
        "delivered_rate": median(r.get("delivered_rate") for r in runs),
        "accept_rate": median(r.get("accept_rate") for r in runs),
        "lag_median": median(r.get("lag_median") for r in runs),
        "lag_p99": median(r.get("lag_p99") for r in runs),
        "drain": median(r.get("last_250_to_last_delivered") for r in runs),
        "cpu": median(r.get("cpu_ms_per_msg") for r in runs),
        "cpu_net": median(r.get("cpu_ms_per_msg_net") for r in runs),
        "pss": median(r.get("peak_pss_kib") for r in runs),
        "rss": median(r.get("peak_rss_kib") for r in runs),
    }


def render(meta, records):
    out = []
    w = out.append
    by_key = {r["server"]: r for r in records}
    w(f"# End-to-end mail benchmark, {meta['started'][:10]}")
    w("")
    w("Made by `bench/run-all` (see `bench/README.md` for what is measured and how). "
      f"Started {meta['started']}, finished {meta.get('finished', '(interrupted: partial results)')}.")
    w("")
    w(f"- **Machine**: {machine()}")
    w(f"- **Load average** (1, 5, 15 min) at start: {meta['load_start']}; at end: {meta.get('load_end', '?')}")
    args = meta["args"]
    keys = [k for k, _ in meta["loads"]]
    counts = [f"{args['messages']} messages per run of 4 KiB / 20 sessions ({args['runs']} runs)"] if "4k-20" in keys else []
    if any(k in keys for k in ("100k-20", "mix-20")):
        counts.append(f"{args.get('other_messages', args['messages'])} per run of the other 20-session loads "
                      f"({args.get('other_runs', args['runs'])} run(s) each)")
    if any(k.endswith("-1") for k in keys):
        counts.append(f"{args['single_session_messages']} per single-session run "
                      f"({args.get('other_runs', args['runs'])} run(s) each)")
    w(f"- **Load**: {'; '.join(counts)}; medians shown; {args['warmup']} warm-up messages first; mailboxes read "
      f"back: {args.get('fetch_runs', args['runs'])}; "
      "one connection per message (smtp-source's default); every run to a fresh mailbox; delivery watched by "
      f"IMAP STATUS every {args.get('poll_interval', 0.1) * 1000:.0f} ms")
    for name, version in versions().items():
        w(f"- **{name}**: {version}")
    w("")
    w("Servers: **Mailfort** = production `conf/` (SPF/DKIM/DMARC before the 250, rspamd in the session and after, "
      "clamd, attachment policy, Cassandra 5 on the same host); **Mailfort, scanning off** = the same with the "
      "three scan processors bypassed and the in-session rspamd check removed; **Postfix + Dovecot** = stock "
      "settings, LMTP into Maildir; **+ Rspamd** = the same with Debian's rspamd as milter; **stock James** = "
      "memory-app 3.8.1 with its default configuration (mail in memory, no scanning). CPU and memory count every "
      "process of a server: Mailfort's JVM + Cassandra (+ clamd + rspamd), Postfix + Dovecot (+ rspamd).")
    w("")
    order = [k for k in ("mailfort", "mailfort-noscan", "postfix-dovecot", "postfix-dovecot-rspamd", "james-memory")
             if k in by_key]
    for key, label in meta["loads"]:
        w(f"## {label}")
        w("")
        w("| Server | delivered msg/s | accepted msg/s | lag median | lag p99 | last 250 → last delivered "
          "| CPU ms/msg | CPU ms/msg net of idle | peak PSS MiB | complete |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for name in order:
            s = summarize(by_key[name], key)
            if not s:
                w(f"| {by_key[name]['title']} | not measured: {by_key[name].get('failure', '?')} ||||||||| |")
                continue
            done = "yes" if s["complete"] else f"no: delivered {s['delivered']} of {s['messages']}"
            if s["overshoot"]:
                done += f"; STATUS above the messages sent by {s['overshoot']}"
            if s["errors"]:
                done += "; " + "; ".join(e[:120].replace("|", "/").replace("\n", " ") for e in s["errors"][:2])
            w(f"| {by_key[name]['title']} | {fmt(s['delivered_rate'])} | {fmt(s['accept_rate'])} "
              f"| {fmt(s['lag_median'], 2, ' s')} | {fmt(s['lag_p99'], 2, ' s')} | {fmt(s['drain'], 2, ' s')} "
              f"| {fmt(s['cpu'], 2)} | {fmt(s['cpu_net'], 2)} | {fmt(s['pss'] / 1024 if s['pss'] else None, 0)} "
              f"| {done} |")
        w("")
        ours = summarize(by_key["mailfort"], key) if "mailfort" in by_key else None
        if ours:
            w("Mailfort (full pipeline) ÷ peer: msg/s (higher is better), CPU/msg and lag p99 (lower is better).")
            w("")
            w("| Peer | msg/s ratio | CPU/msg ratio | net CPU/msg ratio | lag p99 ratio |")
            w("|---|---:|---:|---:|---:|")
            for name in order[1:]:
                theirs = summarize(by_key[name], key)
                if theirs:
                    w(f"| {by_key[name]['title']} | {ratio(ours['delivered_rate'], theirs['delivered_rate'])} "
                      f"| {ratio(ours['cpu'], theirs['cpu'])} | {ratio(ours['cpu_net'], theirs['cpu_net'])} "
                      f"| {ratio(ours['lag_p99'], theirs['lag_p99'])} |")
            w("")
    long_runs = [(by_key[name]["title"], run) for name in order for run in by_key[name].get("runs", [])
                 if len(run.get("lag_by_minute", [])) >= 3]
    if long_runs:
        w("## Lag over a long run")
        w("")
        w("Runs of three minutes or more: lag median / p99 of the messages accepted in each minute. A lag that grows "
          "from minute to minute is a spool filling up; a flat one is intake following delivery.")
        w("")
        for title, run in long_runs:
            windows = run["lag_by_minute"]
            w(f"- **{title}**, {run['load']} ({run['user']}): "
              + ", ".join(f"min {m['minute'] + 1}: {m['median']:.2f} / {m['p99']:.2f} s" for m in windows))
        w("")
    if any(summarize(by_key[n], "4k-20") for n in order):
        w("## Where the CPU of a message goes (4 KiB, 20 sessions, medians)")
        w("")
        w("Per process of the server, in ms of CPU per delivered message; in brackets the part spent by the JVM's JIT "
          "compiler threads: they compile the hot code, most during the first thousands of messages, and less and less "
          "after (a long-running JVM spends less there).")
        w("")
        w("| Server | CPU ms/msg by process |")
        w("|---|---|")
        for name in order:
            runs = [r for r in by_key[name].get("runs", []) if r["load"] == "4k-20"]
            if not runs:
                continue
            parts = []
            for component in runs[0].get("cpu_ms_per_msg_by_component", {}):
                total = median(r["cpu_ms_per_msg_by_component"].get(component) for r in runs)
                jit = median(r.get("jit_ms_per_msg_by_component", {}).get(component, 0) for r in runs)
                parts.append(f"{component} {fmt(total, 2)}" + (f" (JIT {fmt(jit, 2)})" if jit else ""))
            w(f"| {by_key[name]['title']} | {', '.join(parts)} |")
        w("")
    w("## Start and memory")
    w("")
    w("| Server | start (launch → first 220) | restart, dependencies up (launch → first 220) | dependencies ready "
      "| idle RSS / PSS MiB (all processes) | JVM alone idle RSS MiB | after the runs RSS / PSS MiB "
      "| idle CPU with the poller, ms/s |")
    w("|---|---:|---:|---|---:|---:|---:|---:|")
    for name in order:
        r = by_key[name]
        st = r.get("startup", {})
        deps = ", ".join(f"{k} {v:.1f} s" for k, v in st.items() if k != "server launch to first 220") or "–"
        idle, after = r.get("idle_memory_kib"), r.get("after_load_memory_kib")
        jvm = r.get("idle_jvm_memory_kib")
        w(f"| {r['title']} | {fmt(st.get('server launch to first 220'), 1, ' s')} "
          f"| {fmt(r.get('restart'), 1, ' s')} | {deps} "
          f"| {mib_pair(idle)} | {fmt(jvm['rss'] / 1024 if jvm else None, 0)} | {mib_pair(after)} "
          f"| {fmt(r.get('baseline_cpu_ms_per_s'), 0)} |")
    w("")
    w("## Reading mail back (4 KiB messages, STARTTLS except stock James's POP3, which has no TLS by default)")
    w("")
    w("| Server | messages | `FETCH 1:N (BODY[])`, one command | N × `FETCH n (BODY[])` | N × POP3 `RETR` |")
    w("|---|---:|---:|---:|---:|")
    fetch_medians = {}
    for name in order:
        rows = [f for f in by_key[name].get("fetch", []) if "error" not in f]
        errors = [f["error"] for f in by_key[name].get("fetch", []) if "error" in f]
        if not rows:
            w(f"| {by_key[name]['title']} | – | {'; '.join(errors)[:200] or 'not measured'} | | |")
            continue
        m = {k: median(f[k] for f in rows) for k in ("fetch_one_command", "fetch_single_commands", "pop3_retr")}
        fetch_medians[name] = m
        w(f"| {by_key[name]['title']} | {rows[0]['count']} | {fmt(m['fetch_one_command'], 3, ' s')} "
          f"| {fmt(m['fetch_single_commands'], 3, ' s')} | {fmt(m['pop3_retr'], 3, ' s')} |")
    w("")
    if "mailfort" in fetch_medians:
        w("Mailfort ÷ peer (time, lower is better): " + "; ".join(
            f"{by_key[n]['title']}: FETCH one {ratio(fetch_medians['mailfort']['fetch_one_command'], m['fetch_one_command'])}, "
            f"singles {ratio(fetch_medians['mailfort']['fetch_single_commands'], m['fetch_single_commands'])}, "
            f"POP3 {ratio(fetch_medians['mailfort']['pop3_retr'], m['pop3_retr'])}"
            for n, m in fetch_medians.items() if n != "mailfort"))
        w("")
    jfr = by_key.get("mailfort", {}).get("jfr")
    if jfr:
        w("## Where Mailfort's JVM spends its time (JFR, extra 4 KiB / 20 sessions run)")
        w("")
        run = jfr.get("run", {})
        w(f"{jfr['execution_samples']} execution samples (JFR `profile` settings) during a run of "
          f"{run.get('messages')} messages ({fmt(run.get('delivered_rate'))} msg/s while recording). "
          "The JVM only: Cassandra, clamd and rspamd are other processes. Left out: "
          f"{jfr.get('imap_login_samples_left_out', 0)} samples of the delivery poller's one IMAP LOGIN (PBKDF2 with "
          "210000 iterations, `conf/usersrepository.xml`: about a second of CPU per login).")
        w("")
        if jfr.get("cpu_by_thread"):
            w("**CPU samples by thread (digits folded)**: " + ", ".join(
                f"`{name}` {100 * count / jfr['execution_samples']:.0f} %" for name, count in jfr["cpu_by_thread"][:10]))
            w("")
        for title, key, unit in (("Hot methods (top frame, self time)", "cpu_top_frames", "samples"),
                                 ("First frame outside the JDK (which library asked for the work)",
                                  "cpu_first_non_jdk_frames", "samples"),
                                 ("Mailfort's own methods, inclusive (time in them and what they call)",
                                  "cpu_inclusive_mailfort", "samples"),
                                 ("Allocation sites (top frame, sampled bytes)", "allocation_top_frames", "bytes"),
                                 ("Allocations by first frame outside the JDK", "allocation_first_non_jdk_frames",
                                  "bytes")):
            total = jfr["execution_samples"] if unit == "samples" else jfr["allocated_bytes_sampled"]
            w(f"**{title}**")
            w("")
            w(f"| % | {unit} | method |")
            w("|---:|---:|---|")
            for method, count in jfr.get(key, [])[:12]:
                w(f"| {100 * count / total:.1f} | {count} | `{method}` |")
            w("")
    jfr_fetch = by_key.get("mailfort", {}).get("jfr_fetch")
    if jfr_fetch:
        w("## Where Mailfort's JVM spends its time reading mail back (JFR)")
        w("")
        run = jfr_fetch.get("run") or [None, None]
        w(f"A separate recording of one `FETCH 1:N (BODY[])` and N single FETCH commands on the mailbox of the "
          f"recorded run above ({fmt(run[0], 2, ' s')} and {fmt(run[1], 2, ' s')} while recording): "
          f"{jfr_fetch['execution_samples']} samples.")
        w("")
        if jfr_fetch.get("cpu_by_thread"):
            w("**CPU samples by thread**: " + ", ".join(
                f"`{n}` {100 * c / max(1, jfr_fetch['execution_samples']):.0f} %" for n, c in jfr_fetch["cpu_by_thread"][:8]))
            w("")
        for title, key in (("First frame outside the JDK", "cpu_first_non_jdk_frames"),
                           ("Mailfort and James methods, inclusive", "cpu_inclusive_mailfort_james")):
            w(f"**{title}**")
            w("")
            w("| % | samples | method |")
            w("|---:|---:|---|")
            for method, count in jfr_fetch.get(key, [])[:12]:
                w(f"| {100 * count / max(1, jfr_fetch['execution_samples']):.1f} | {count} | `{method}` |")
            w("")
    notes = [(by_key[n]["title"], note) for n in order for note in by_key[n].get("notes", [])]
    failures = [(by_key[n]["title"], by_key[n]["failure"]) for n in order if by_key[n].get("failure")]
    if notes or failures:
        w("## Notes")
        w("")
        for title, note in notes:
            w(f"- {title}: {note}")
        for title, failure in failures:
            w(f"- {title}: FAILED: {failure}")
        w("")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    # Re-renders a results file from a raw directory: report.py bench/work/raw/<stamp> > file.md
    raw = Path(sys.argv[1])
    meta = json.loads((raw / "meta.json").read_text())
    records = [r for r in (json.loads(p.read_text()) for p in sorted(raw.glob("*.json")) if p.name != "meta.json")
               if "server" in r]
    print(render(meta, records), end="")
