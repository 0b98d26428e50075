# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Where Mailfort's CPU goes under load: async-profiler attached to the server JVM and to Cassandra during one run
of 4 KiB mail from 20 sessions (full pipeline), after a warm-up, with the server JVM's CPU per thread group.

Writes the folded stacks of each process (one line per stack, for flame graph tools) and a summary: CPU ms per
message by thread group, the heaviest frames by their own time and the heaviest Mailfort and James frames with what
they call. JFR was tried first and is not usable here: on 2 cores, a recording sent the JIT threads to 35 ms of CPU
per message for its whole length. async-profiler's timer sampling costs little and needs no perf_events."""

import argparse
import collections
import os
import re
import subprocess
import time
import zipfile
from pathlib import Path

import bench
import daemons
import servers
from common import WORK, log, stop_all

PROFILER = "tools.profiler:async-profiler:3.0"
INTERESTING = re.compile(r"^(dev/mailfort|org/apache/james|org/apache/cassandra)/")


def profiler_library():
    """libasyncProfiler.so from the async-profiler jar on Maven Central (it carries the native libraries)."""
    target = WORK / "async-profiler" / "libasyncProfiler.so"
    if target.exists():
        return target
    jar_dir = WORK / "async-profiler"
    jar_dir.mkdir(parents=True, exist_ok=True)
    # Run outside the project, so that Maven copies the one artifact rather than once per module.
    subprocess.run(["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={PROFILER}", f"-DoutputDirectory={jar_dir}"],
                   check=True, cwd=jar_dir)
    jar = next(jar_dir.glob("async-profiler-*.jar"))
    with zipfile.ZipFile(jar) as archive:
        target.write_bytes(archive.read("linux-x64/libasyncProfiler.so"))
    return target


def profiler(pid, library, command):
    # jcmd loads the agent into the running JVM; a second load sends the agent a new command. The command is quoted
    # for jcmd, which would otherwise read its "=" as its own name=value syntax. jcmd exits 0 whatever the agent says.
    reply = subprocess.run(["jcmd", str(pid), "JVMTI.agent_load", str(library), f'"{command}"'], check=True,
                           capture_output=True, text=True).stdout
    if "return code: 0" not in reply:
        raise RuntimeError(f"async-profiler refused {command!r} in JVM {pid}: {reply.strip()}")


def thread_cpu(pid):
    found = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            name = Path(f"/proc/{pid}/task/{task}/comm").read_text().strip()
            fields = Path(f"/proc/{pid}/task/{task}/stat").read_text().rsplit(")", 1)[1].split()
            found[task] = (re.sub(r"[-_#]?\d+", "N", name), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
        except OSError:
            pass
    return found


def folded(path):
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        yield stack.split(";"), int(count)


def summary(path, top):
    own, inclusive, total = collections.Counter(), collections.Counter(), 0
    for frames, count in folded(path):
        total += count
        own[frames[-1]] += count
        for frame in set(frames):
            if INTERESTING.match(frame):
                inclusive[frame] += count
    lines = [f"{total} samples.", "", "| own time | frame |", "|---:|---|"]
    lines += [f"| {100 * n / total:.1f}% | `{frame[:150]}` |" for frame, n in own.most_common(top)]
    lines += ["", "| with callees | Mailfort, James or Cassandra frame |", "|---:|---|"]
    lines += [f"| {100 * n / total:.1f}% | `{frame[:150]}` |" for frame, n in inclusive.most_common(top)]
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warmup", type=int, default=3000, help="messages before the profile (the JIT settles)")
    parser.add_argument("--messages", type=int, default=2000, help="messages profiled")
    parser.add_argument("--interval", default="2ms", help="async-profiler's sampling interval (CPU time)")
    parser.add_argument("--top", type=int, default=40, help="rows of each summary table")
    parser.add_argument("--out", type=Path, default=WORK / "profile", help="directory for the stacks and summary")
    args = parser.parse_args()

    library = profiler_library()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    dns = daemons.start_dns(WORK / "dns")
    server = servers.Mailfort(WORK, scanning=True)
    try:
        server.start()
        server.add_users(["warmup", "profiled"])
        bench.measure(server, bench.LOADS[0], "warmup", args.warmup, None)
        launcher = server.components["cassandra"]
        cassandra = subprocess.run(["pgrep", "-P", str(launcher)], capture_output=True, text=True).stdout.split()
        targets = {"server": server.jvm_pid, "cassandra": int(cassandra[0]) if cassandra else launcher}
        before = thread_cpu(server.jvm_pid)
        for pid in targets.values():
            profiler(pid, library, f"start,event=itimer,interval={args.interval}")
        result = bench.measure(server, bench.LOADS[0], "profiled", args.messages, None)
        for name, pid in targets.items():
            profiler(pid, library, f"stop,file={args.out / (name + '.folded')},collapsed")
        after = thread_cpu(server.jvm_pid)
    finally:
        server.stop()
        stop_all()
        dns.terminate()
        dns.wait(10)

    delivered = result["delivered"]
    groups = collections.Counter()
    for task, (group, cpu) in after.items():
        groups[group] += cpu - before.get(task, (group, 0.0))[1]
    lines = [f"# Profile of Mailfort under load ({started})", "",
             f"{delivered} messages of 4 KiB from 20 sessions after {args.warmup} warm-up messages, full pipeline: "
             f"{result['delivered_rate']:.1f} msg/s, {result['cpu_ms_per_msg']:.1f} ms CPU per message "
             f"({', '.join(f'{k} {v:.1f}' for k, v in result['cpu_ms_per_msg_by_component'].items())}).",
             "", "## Server JVM, CPU per message by thread group (from /proc)", "",
             "| thread group | ms/msg |", "|---|---:|"]
    lines += [f"| {group} | {1000 * cpu / delivered:.2f} |" for group, cpu in groups.most_common(15)]
    for name in targets:
        lines += ["", f"## {name}", ""] + summary(args.out / f"{name}.folded", args.top)
    (args.out / "summary.md").write_text("\n".join(lines) + "\n")
    log(f"wrote {args.out / 'summary.md'} and the folded stacks beside it")


if __name__ == "__main__":
    main()
