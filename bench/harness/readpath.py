# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Where an IMAP read of Mailfort spends its time, and what the blob memory cache changes: Mailfort with scanning off
on its own Cassandra, N 4 KiB messages APPENDed to one mailbox, then `FETCH 1:N` with one item at a time (FLAGS;
RFC822.SIZE; the header only; the whole message without and with setting \\Seen), each repeated, wall time and the CPU
of the JVM and of Cassandra. Run once with the shipped conf/ and once with `memory.cache.size=0` (--cache both).

Then the cost of a STATUS poll at several rates, as the full benchmark's delivery watcher and mail clients poll."""

import argparse
import statistics
import time
from pathlib import Path

import common
import daemons
import load
import servers
from common import DOMAIN, WORK, load_average, log, stop_all
from report import machine as report_machine

VARIANTS = ["FLAGS", "RFC822.SIZE", "BODY.PEEK[HEADER]", "BODY.PEEK[]", "BODY[]"]
BODY = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. "
        * 40)[:4000]


def with_cache_off(enabled):
    """The harness's conf/ copy, with the blob memory cache switched off when asked."""
    original = servers.mailfort_conf

    def conf(target, scanning):
        original(target, scanning)
        if not enabled:
            servers.edit(target / "blob.properties",
                         lambda text: servers.replace_once(text, "memory.cache.size=32M", "memory.cache.size=0"))
    servers.mailfort_conf = conf
    return original


def measure(messages, repeat, cache, status_rates):
    original = with_cache_off(cache)
    server = servers.Mailfort(WORK / "readpath", scanning=False)
    results = {"fetch": {}, "status": {}}
    try:
        server.start()
        server.add_users(["reader"])
        imap = load.imap_login(server, "reader")
        begin = time.perf_counter()
        for number in range(messages):
            message = (f"From: a@sender.example\r\nTo: reader@{DOMAIN}\r\nSubject: message {number}\r\n"
                       f"Message-ID: <{number}.{time.time()}@sender.example>\r\n\r\n{BODY}\r\n").encode()
            typ, _ = imap.append("INBOX", None, None, message)
            if typ != "OK":
                raise RuntimeError(f"APPEND {number} answered {typ}")
        log(f"cache {'on' if cache else 'off'}: APPEND of {messages}: {time.perf_counter() - begin:.1f} s")
        imap.select("INBOX")
        time.sleep(5)
        jvm, cassandra = [server.components["server"]], [server.components["cassandra"]]
        for variant in VARIANTS:
            runs = []
            for _ in range(repeat):
                jvm_before, cassandra_before = common.cpu_seconds(jvm), common.cpu_seconds(cassandra)
                begin = time.perf_counter()
                typ, _ = imap.fetch(f"1:{messages}", f"({variant})")
                wall = time.perf_counter() - begin
                runs.append((wall, common.cpu_seconds(jvm) - jvm_before, common.cpu_seconds(cassandra) - cassandra_before))
                if typ != "OK":
                    raise RuntimeError(f"FETCH ({variant}) answered {typ}")
                if variant == "BODY[]":
                    imap.store(f"1:{messages}", "-FLAGS.SILENT", "(\\Seen)")
            results["fetch"][variant] = [statistics.median(column) for column in zip(*runs)]
            log(f"  FETCH 1:{messages} ({variant}): median wall {results['fetch'][variant][0]:.3f} s")
        for rate in status_rates:
            jvm_before, cassandra_before = common.cpu_seconds(jvm), common.cpu_seconds(cassandra)
            polls, begin = 0, time.monotonic()
            while time.monotonic() - begin < 15:
                load.status_messages(imap)
                polls += 1
                if rate:
                    time.sleep(1 / rate)
            took = time.monotonic() - begin
            results["status"][rate] = (polls / took, 1000 * (common.cpu_seconds(jvm) - jvm_before) / took,
                                       1000 * (common.cpu_seconds(cassandra) - cassandra_before) / took, polls)
        imap.logout()
    finally:
        server.stop()
        servers.mailfort_conf = original
    return results


def report(args, started, load_start, measured):
    lines = [f"# Read path: FETCH of {args.messages} messages, and STATUS polling", "",
             f"Machine: {report_machine()}.",
             f"Date: {started}; load average {load_start} at start, {load_average()} at end.",
             f"Mailfort with scanning off, {args.messages} × 4 KiB messages APPENDed; medians of {args.repeat} "
             "FETCH commands each (`bench/read-path`).", "",
             "| blob cache | `FETCH 1:N (…)` | wall s | JVM CPU s | Cassandra CPU s |", "|---|---|---:|---:|---:|"]
    for cache, results in measured.items():
        for variant, (wall, jvm, cassandra) in results["fetch"].items():
            lines.append(f"| {cache} | `{variant}` | {wall:.3f} | {jvm:.2f} | {cassandra:.2f} |")
    lines += ["", "STATUS INBOX (MESSAGES) from one session, 15 s at each rate (0: back to back):", "",
              "| blob cache | polls/s | JVM CPU ms/s | Cassandra CPU ms/s | Cassandra CPU ms per STATUS |",
              "|---|---:|---:|---:|---:|"]
    for cache, results in measured.items():
        for rate, (per_second, jvm, cassandra, polls) in results["status"].items():
            lines.append(f"| {cache} | {per_second:.1f} | {jvm:.0f} | {cassandra:.0f} | {cassandra / per_second:.1f} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both")
    parser.add_argument("--status-rates", default="1,5,20,0", help="STATUS polls per second, 0 = back to back")
    parser.add_argument("--out", type=Path, help="the Markdown file to write (default: print it)")
    args = parser.parse_args()
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    load_start = load_average()
    dns = daemons.start_dns(WORK / "dns")
    measured = {}
    try:
        for cache in (["on", "off"] if args.cache == "both" else [args.cache]):
            measured[cache] = measure(args.messages, args.repeat, cache == "on",
                                      [float(rate) for rate in args.status_rates.split(",")])
    finally:
        common.stop_process(dns)
        stop_all()
    text = report(args, started, load_start, measured)
    if args.out:
        args.out.write_text(text)
        log(f"results: {args.out}")
    else:
        print(text)


if __name__ == "__main__":
    main()
