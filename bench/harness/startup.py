# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Start and restart of Mailfort alone, several times, for the "ready within 10 s of Cassandra" and "idle RSS"
targets: the full run (bench.py) restarts once, after the loads, and one sample is too few for a median.

A first start on a fresh Cassandra (the keyspace and its tables are created), then --restarts restarts of the JVM
alone on the same Cassandra, conf and state (an upgrade or a crash). For each: seconds from the launch to the first
220 (IMAP and WebAdmin listening too), the JVM's RSS 5 s later, and before each restart the stop: SIGTERM to the JVM's
exit (Docker kills a container that has not stopped 10 s after its SIGTERM, unless told to wait longer)."""

import argparse
import statistics
import time
from pathlib import Path

import daemons
import servers
from common import WORK, load_average, log, memory_kib, stop_all, stop_process


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--restarts", type=int, default=5)
    parser.add_argument("--out", type=Path, help="the Markdown file to write (default: print it)")
    args = parser.parse_args()

    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    load_start = load_average()
    dns = daemons.start_dns(WORK / "dns")
    server = servers.Mailfort(WORK, scanning=True)
    restarts, rss, stops = [], [], []
    try:
        server.start()
        first = server.startup["server launch to first 220"]
        cassandra_ready = server.startup["Cassandra ready"]
        log(f"first start: {first:.1f} s (Cassandra ready after {cassandra_ready:.1f} s)")
        time.sleep(5)
        first_rss = memory_kib([server.jvm_pid])["rss"] / 1024
        for number in range(1, args.restarts + 1):
            begin = time.monotonic()
            stop_process(server.processes["server"], timeout=90)
            stops.append(time.monotonic() - begin)
            took = server.restart()
            time.sleep(5)
            restarts.append(took)
            rss.append(memory_kib([server.jvm_pid])["rss"] / 1024)
            log(f"stop {stops[-1]:.1f} s, restart {number}: {took:.1f} s, JVM RSS {rss[-1]:.0f} MiB")
    finally:
        server.stop()
        stop_all()
        dns.terminate()
        dns.wait(10)

    lines = [
        f"Made by `bench/start-time` (see `bench/README.md`). Started {started}, finished "
        f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}; load average at start {load_start}.",
        "",
        "| | stop before it (SIGTERM → exit) | launch → first 220 | JVM RSS 5 s later |",
        "|---|---:|---:|---:|",
        f"| first start (keyspace and tables created) | | {first:.1f} s | {first_rss:.0f} MiB |",
    ]
    lines += [f"| restart {n} | {s:.1f} s | {t:.1f} s | {r:.0f} MiB |"
              for n, (s, t, r) in enumerate(zip(stops, restarts, rss), 1)]
    if restarts:
        lines.append(f"| **median of {len(restarts)}** | **{statistics.median(stops):.1f} s** | "
                     f"**{statistics.median(restarts):.1f} s** | **{statistics.median(rss):.0f} MiB** |")
    lines += ["", f"Cassandra (started first, not counted above) was ready after {cassandra_ready:.1f} s."]
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text)
        log(f"wrote {args.out}")
    else:
        print(text)


if __name__ == "__main__":
    main()
