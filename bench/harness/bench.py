# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Runs the side-by-side benchmark: each server in turn, fresh, the same load, the same measurements.
Called by bench/run-all (see bench/README.md); `--help` lists the options."""

import argparse
import json
import statistics
import subprocess
import threading
import time
from pathlib import Path

import jfr
import load
import report
from common import RESULTS, WORK, cpu_seconds, die, jit_cpu_seconds, load_average, log, memory_kib, stop_all
import daemons
import servers

# key, label, generator, message size (smtp-source -l) or None for the mix, parallel sessions
LOADS = [
    ("4k-20", "4 KiB, 20 sessions", "smtp-source", 4096, 20),
    ("4k-1", "4 KiB, 1 session", "smtp-source", 4096, 1),
    ("100k-20", "100 KiB, 20 sessions", "smtp-source", 102400, 20),
    ("100k-1", "100 KiB, 1 session", "smtp-source", 102400, 1),
    ("mix-20", "realistic mix with attachments, 20 sessions", "mix", None, 20),
]
SERVERS = ["mailfort", "mailfort-noscan", "postfix-dovecot", "postfix-dovecot-rspamd", "james-memory"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="200 messages per run (100 single-session), 1 run")
    parser.add_argument("--messages", type=int, help="messages per run with 20 sessions (default 2000)")
    parser.add_argument("--other-messages", type=int,
                        help="messages per run of the other 20-session loads (100 KiB, mix); default: --messages")
    parser.add_argument("--single-session-messages", type=int,
                        help="messages per single-session run (default: same as --messages)")
    parser.add_argument("--runs", type=int, help="runs per load; medians are reported (default 3)")
    parser.add_argument("--other-runs", type=int,
                        help="runs for every load but the headline one (4 KiB, 20 sessions); default: --runs")
    parser.add_argument("--servers", default=",".join(SERVERS), help="comma-separated, from: " + ", ".join(SERVERS))
    parser.add_argument("--loads", default=",".join(l[0] for l in LOADS),
                        help="comma-separated, from: " + ", ".join(l[0] for l in LOADS))
    parser.add_argument("--fetch-count", type=int, default=1000, help="messages for the IMAP FETCH and POP3 tests")
    parser.add_argument("--fetch-runs", type=int, help="how many of the 4 KiB / 20 sessions mailboxes are read "
                        "back (FETCH, POP3); default: all of them (--runs)")
    parser.add_argument("--no-jfr", action="store_true", help="skip the JFR recording of Mailfort")
    parser.add_argument("--jfr-messages", type=int, help="messages of the recorded run (default: --messages)")
    parser.add_argument("--warmup", type=int, default=3000,
                        help="messages sent (20 sessions) before measuring; the JVMs compile their hot code during the "
                             "first thousands (default 3000)")
    parser.add_argument("--poll-interval", type=float, default=load.POLL_INTERVAL,
                        help="seconds between two IMAP STATUS of the delivery watcher (default 0.1)")
    parser.add_argument("--out", help="results file (default bench/results/<date>.md)")
    args = parser.parse_args()
    load.POLL_INTERVAL = args.poll_interval
    if args.quick:
        args.messages = args.messages or 200
        args.single_session_messages = args.single_session_messages or 100
        args.runs = args.runs or 1
        args.warmup = min(args.warmup, 50)
        args.fetch_count = min(args.fetch_count, args.messages)
    args.messages = args.messages or 2000
    args.single_session_messages = args.single_session_messages or args.messages
    args.other_messages = args.other_messages or args.messages
    args.runs = args.runs or 3
    args.other_runs = args.other_runs or args.runs
    args.fetch_runs = min(args.fetch_runs or args.runs, args.runs)
    args.jfr_messages = args.jfr_messages or args.messages
    args.servers = [s for s in args.servers.split(",") if s]
    args.loads = [l for l in LOADS if l[0] in args.loads.split(",")]
    unknown = set(args.servers) - set(SERVERS)
    if unknown:
        die(f"unknown servers: {unknown}")
    return args


class MemorySampler:
    """Peak Rss/Pss of the server's processes while a run lasts, sampled every second."""

    def __init__(self, roots):
        self.roots, self.peak, self.running = roots, {"rss": 0, "pss": 0}, True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self):
        while self.running:
            m = memory_kib(self.roots)
            self.peak = {k: max(self.peak[k], m[k]) for k in m}
            time.sleep(1)

    def stop(self):
        self.running = False
        self.thread.join(5)
        return self.peak


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def lag_by_minute(start, accepted, lags):
    """Median and p99 lag of the messages accepted in each whole minute of the run, to show whether the lag grows
    over a long run (a spool that fills up) or stays flat (intake following delivery)."""
    windows = {}
    for accepted_at, lag in zip(accepted, lags):
        windows.setdefault(int((accepted_at - start) // 60), []).append(lag)
    return [{"minute": minute, "messages": len(values), "median": statistics.median(values),
             "p99": percentile(values, 0.99)} for minute, values in sorted(windows.items())]


def measure(server, load_spec, user, messages, templates, baseline=None):
    key, label, generator, size, sessions = load_spec
    watcher = load.DeliveryWatcher(server, user, messages)
    cpu_before = cpu_seconds(server.roots)
    parts_before = {name: cpu_seconds([pid]) for name, pid in server.components.items()}
    jit_before = {name: jit_cpu_seconds([pid]) for name, pid in server.components.items()}
    sampler = MemorySampler(server.roots)
    watcher.start()
    if generator == "smtp-source":
        start, accepted, error = load.smtp_source(server, user, messages, sessions, size, f"bench {key} {user}")
    else:
        start, accepted, error = load.send_mix(server, user, messages, sessions, templates)
    sent_for = (accepted[-1] - start) if accepted else 0
    watcher.expected = len(accepted)  # what a failed run did accept must still arrive
    watcher.wait(time.monotonic() + max(120, 4 * sent_for))
    cpu_after = cpu_seconds(server.roots)
    watch_end = time.monotonic()
    parts_after = {name: cpu_seconds([pid]) for name, pid in server.components.items()}
    jit_after = {name: jit_cpu_seconds([pid]) for name, pid in server.components.items()}
    peak = sampler.stop()
    delivered_at = watcher.delivery_times()
    overshoot = len(delivered_at) - len(accepted)
    if overshoot > 0:
        # STATUS said more than was sent (seen once with Mailfort: 101 for 100, its decision log showing 100
        # deliveries); counted as delivered when it reached what was accepted, and reported.
        delivered_at = delivered_at[:len(accepted)]
    delivered = len(delivered_at)
    result = {"load": key, "user": user, "messages": messages, "accepted": len(accepted), "delivered": delivered,
              "status_above_accepted": max(0, overshoot),
              "error": error, "peak_rss_kib": peak["rss"], "peak_pss_kib": peak["pss"]}
    if accepted:
        result["accept_rate"] = len(accepted) / sent_for if sent_for > 0 else None
    if delivered:
        last = delivered_at[-1]
        result["delivered_rate"] = delivered / (last - start)
        result["cpu_ms_per_msg"] = (cpu_after - cpu_before) * 1000 / delivered
        if baseline is not None:
            # What the server burns anyway over the same time (idle work + answering the poller), taken out.
            result["cpu_ms_per_msg_net"] = ((cpu_after - cpu_before) * 1000 - baseline * (watch_end - start)) / delivered
        result["cpu_ms_per_msg_by_component"] = {name: (parts_after[name] - parts_before[name]) * 1000 / delivered
                                                 for name in parts_before}
        result["jit_ms_per_msg_by_component"] = {name: (jit_after[name] - jit_before[name]) * 1000 / delivered
                                                 for name in jit_before if jit_after[name] > jit_before[name]}
        lags = [delivered_at[k] - accepted[k] for k in range(min(delivered, len(accepted)))]
        result["lag_median"] = statistics.median(lags) if lags else None
        result["lag_p99"] = percentile(lags, 0.99)
        result["lag_max"] = max(lags) if lags else None
        result["lag_by_minute"] = lag_by_minute(start, accepted, lags)
        if accepted:
            result["last_250_to_last_delivered"] = last - accepted[-1]
    if delivered < len(accepted):
        try:
            imap = load.imap_login(server, user)
            result["elsewhere"] = {box: load.status_messages(imap, box) for box in ("Junk",)
                                   if imap.status(box, "(MESSAGES)")[0] == "OK"}
            imap.logout()
        except Exception as e:  # noqa: BLE001
            result["elsewhere"] = repr(e)
    log(f"  {key} {user}: accepted {len(accepted)}/{messages} in {sent_for:.1f} s, delivered {delivered}, "
        f"{result.get('delivered_rate', 0):.1f} msg/s, lag p50 {result.get('lag_median') or 0:.2f} s "
        f"p99 {result.get('lag_p99') or 0:.2f} s, CPU {result.get('cpu_ms_per_msg', 0):.2f} ms/msg "
        + (f"(net {result['cpu_ms_per_msg_net']:.2f}) " if "cpu_ms_per_msg_net" in result else "")
        + str({k: round(v, 2) for k, v in result.get('cpu_ms_per_msg_by_component', {}).items()})
        + (f", ERROR {error}" if error else ""))
    return result


def idle_cpu_rate(server, seconds=15):
    """CPU ms per second the server uses with no mail coming but the delivery poller polling (an empty mailbox):
    its background work plus answering STATUS 10 times a second. Every run's CPU is also given net of it."""
    watcher = load.DeliveryWatcher(server, "idle", 1 << 30)
    before, begin = cpu_seconds(server.roots), time.monotonic()
    watcher.start()
    watcher.wait(time.monotonic() + seconds)
    return (cpu_seconds(server.roots) - before) * 1000 / (time.monotonic() - begin)


def runs_of(spec, args):
    return args.runs if spec[0] == "4k-20" else args.other_runs


def make_server(name, args):
    if name == "mailfort":
        return servers.Mailfort(WORK, scanning=True)
    if name == "mailfort-noscan":
        return servers.Mailfort(WORK, scanning=False)
    if name == "postfix-dovecot":
        return servers.PostfixDovecot(WORK, rspamd=False)
    if name == "postfix-dovecot-rspamd":
        return servers.PostfixDovecot(WORK, rspamd=True)
    return servers.StockJames(WORK, WORK / "stock-james")


def bench_server(name, args, templates, raw_dir):
    server = make_server(name, args)
    log(f"== {server.title}")
    record = {"server": name, "title": server.title, "runs": []}
    try:
        server.start()
        record["startup"] = server.startup
        log(f"   started: {', '.join(f'{k} {v:.1f} s' for k, v in server.startup.items())}")
        time.sleep(5)
        record["idle_memory_kib"] = memory_kib(server.roots)
        if server.jvm_pid:
            record["idle_jvm_memory_kib"] = memory_kib([server.jvm_pid])
        users = ["warmup", "jfr", "idle"] + [f"{l[0].replace('-', '')}r{r}" for l in args.loads
                                     for r in range(1, runs_of(l, args) + 1)]
        server.add_users(users)
        if args.warmup:
            log(f"   warm-up: {args.warmup} messages")
            record["warmup"] = measure(server, LOADS[0], "warmup", args.warmup, templates)
        record["baseline_cpu_ms_per_s"] = baseline = idle_cpu_rate(server)
        log(f"   idle CPU while the delivery poller runs: {baseline:.1f} ms/s")
        for spec in args.loads:
            count = (args.single_session_messages if spec[4] == 1
                     else args.messages if spec[0] == "4k-20" else args.other_messages)
            for r in range(1, runs_of(spec, args) + 1):
                record["runs"].append(measure(server, spec, f"{spec[0].replace('-', '')}r{r}", count, templates,
                                              baseline))
        record["after_load_memory_kib"] = memory_kib(server.roots)
        if server.jvm_pid:
            record["after_load_jvm_memory_kib"] = memory_kib([server.jvm_pid])
        if name == "mailfort" and not args.no_jfr:
            try:
                record["jfr"] = jfr.record_run(
                    server, lambda: measure(server, LOADS[0], "jfr", args.jfr_messages, templates), raw_dir)
                # A second recording, of the read path, on the mailbox that run filled (not one measured below).
                filled = record["jfr"]["run"]["delivered"]
                record["jfr_fetch"] = jfr.record_run(
                    server, lambda: load.fetch_timings(server, "jfr", min(args.fetch_count, filled)),
                    raw_dir, "mailfort-fetch", "FETCH of the recorded run's mailbox")
            except Exception as e:  # noqa: BLE001 - the profile is a bonus: the measurements go on
                log(f"   JFR failed: {e!r}")
                record.setdefault("notes", []).append(f"JFR recording failed: {e!r}")
        record["fetch"] = []
        if args.warmup:
            # The read path gets its warm-up too (JIT, connection pools): the warm-up mailbox, not measured.
            try:
                load.fetch_timings(server, "warmup", args.warmup)
                load.pop3_retr_timing(server, "warmup", args.warmup)
            except Exception as e:  # noqa: BLE001
                log(f"   read warm-up failed: {e!r}")
        fetch_users = [f"4k20r{r}" for r in range(1, args.fetch_runs + 1)] if any(l[0] == "4k-20" for l in args.loads) else []
        for user in fetch_users:
            try:
                imap = load.imap_login(server, user)
                count = min(args.fetch_count, load.status_messages(imap))
                imap.logout()
            except Exception as e:  # noqa: BLE001
                count = 0
            if count == 0:
                record["fetch"].append({"user": user, "error": "empty mailbox"})
                continue
            try:
                one, singles, size = load.fetch_timings(server, user, count)
                retr = load.pop3_retr_timing(server, user, count)
                record["fetch"].append({"user": user, "count": count, "fetch_one_command": one,
                                        "fetch_single_commands": singles, "bytes": size, "pop3_retr": retr})
                log(f"   {user}: FETCH 1:{count} {one:.3f} s, {count} FETCH {singles:.3f} s, "
                    f"POP3 RETR x{count} {retr:.3f} s")
            except Exception as e:  # noqa: BLE001 - reported as missing, the rest goes on
                record["fetch"].append({"user": user, "error": repr(e)})
                log(f"   {user}: FETCH/POP3 failed: {e!r}")
        if hasattr(server, "restart"):
            # What an upgrade or a crash costs: the JVM alone starts again on the Cassandra that has its schema.
            try:
                record["restart"] = server.restart()
                log(f"   restart (Cassandra up, schema in place): first 220 after {record['restart']:.1f} s")
            except Exception as e:  # noqa: BLE001
                log(f"   restart failed: {e!r}")
                record.setdefault("notes", []).append(f"restart failed: {e!r}")
        record["versions"] = server.versions
        record["notes"] = record.get("notes", []) + server.notes
    except Exception as e:  # noqa: BLE001 - one server failing must not lose the others' numbers
        log(f"   FAILED: {e!r}")
        record["failure"] = repr(e)
    finally:
        server.stop()
        stop_all()
    (raw_dir / f"{name}.json").write_text(json.dumps(record, indent=1))
    return record


def main():
    args = parse_args()
    stamp = time.strftime("%Y-%m-%d-%H%M")
    raw_dir = WORK / "raw" / stamp
    raw_dir.mkdir(parents=True, exist_ok=True)
    meta = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "load_start": load_average(),
            "args": {k: v for k, v in vars(args).items() if k != "loads"}, "loads": [l[:2] for l in args.loads]}
    log(f"bench: servers {args.servers}, loads {[l[0] for l in args.loads]}, {args.messages} messages "
        f"({args.single_session_messages} single-session), {args.runs} run(s); load average {meta['load_start']}")
    (raw_dir / "meta.json").write_text(json.dumps(meta, indent=1))  # rewritten at the end; enough to re-render
    templates = load.mix_templates()
    dns = daemons.start_dns(WORK / "dns")
    records = []
    try:
        for name in args.servers:
            records.append(bench_server(name, args, templates, raw_dir))
    finally:
        dns.terminate()
        dns.wait(10)
    meta["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    meta["load_end"] = load_average()
    (raw_dir / "meta.json").write_text(json.dumps(meta, indent=1))
    out = Path(args.out) if args.out else RESULTS / (time.strftime("%Y-%m-%d") + (".quick" if args.quick else "") + ".md")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.render(meta, records))
    log(f"results: {out} (raw measurements: {raw_dir})")


if __name__ == "__main__":
    main()
