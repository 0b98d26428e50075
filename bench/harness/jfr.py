# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""One JFR recording of the Mailfort JVM during an extra run (not counted in the medians: recording costs CPU), and
where its time and allocations went."""

import collections
import json
import re
import subprocess

from common import log

JDK_PREFIXES = ("java.", "javax.", "jdk.", "sun.", "com.sun.")


def record_run(server, run, raw_dir, name="mailfort-4k-20", what="extra 4 KiB / 20 sessions run, not in the medians"):
    """Records the server's JVM while run() runs; returns the analysis, with run()'s result under "run"."""
    recording = raw_dir / f"{name}.jfr"
    subprocess.run(["jcmd", str(server.jvm_pid), "JFR.start", f"name={name}", "settings=profile",
                    f"filename={recording}"], check=True, capture_output=True)
    log(f"   JFR recording started ({what})")
    result = run()
    subprocess.run(["jcmd", str(server.jvm_pid), "JFR.stop", f"name={name}"], check=True, capture_output=True)
    analysis = analyse(recording)
    analysis["run"] = result
    analysis["file"] = str(recording)
    (raw_dir / f"{name}-analysis.json").write_text(json.dumps(analysis, indent=1))
    return analysis


def frame_name(frame):
    method = frame["method"]
    # JSON names classes with slashes; generated lambda classes differ per JVM run: one name per lambda site.
    type_name = re.sub(r"\$\$Lambda\$.*", "$$Lambda", method["type"]["name"].replace("/", "."))
    return f"{type_name}.{method['name']}"


def thread_group(event):
    thread = event["values"].get("sampledThread") or {}
    name = thread.get("javaName") or thread.get("osName") or "?"
    return re.sub(r"\d+", "N", name)


def is_imap_login(names):
    """The poller's one IMAP LOGIN per run: PBKDF2 (conf/usersrepository.xml) costs about a second of CPU per login,
    which would otherwise top a per-message profile."""
    return any(n.startswith("org.apache.james.imap.processor.LoginProcessor") for n in names)


def events(recording, event):
    output = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", event, str(recording)],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)["recording"]["events"]


def analyse(recording, top=20):
    cpu_self, cpu_app, cpu_ours = collections.Counter(), collections.Counter(), collections.Counter()
    threads, cpu_mailfort = collections.Counter(), collections.Counter()
    samples = login_samples = 0
    for event in events(recording, "jdk.ExecutionSample"):
        frames = (event["values"].get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        names = [frame_name(f) for f in frames]
        if is_imap_login(names):
            login_samples += 1
            continue
        samples += 1
        threads[thread_group(event)] += 1
        cpu_self[names[0]] += 1
        # The first frame outside the JDK: which library (or our code) asked for the work.
        outside = next((n for n in names if not n.startswith(JDK_PREFIXES)), None)
        if outside:
            cpu_app[outside] += 1
        # Every Mailfort/James frame on the stack once: inclusive time of our and James's code.
        for n in set(names):
            if n.startswith(("dev.mailfort.", "org.apache.james.")):
                cpu_ours[n] += 1
            if n.startswith("dev.mailfort."):
                cpu_mailfort[n] += 1
    allocation_self, allocation_app, allocated = collections.Counter(), collections.Counter(), 0
    for event in events(recording, "jdk.ObjectAllocationSample"):
        frames = (event["values"].get("stackTrace") or {}).get("frames") or []
        weight = event["values"].get("weight", 0)
        if not frames:
            continue
        allocated += weight
        names = [frame_name(f) for f in frames]
        allocation_self[names[0]] += weight
        outside = next((n for n in names if not n.startswith(JDK_PREFIXES)), None)
        if outside:
            allocation_app[outside] += weight
    return {
        "execution_samples": samples,
        "imap_login_samples_left_out": login_samples,
        "cpu_by_thread": threads.most_common(top),
        "cpu_top_frames": cpu_self.most_common(top),
        "cpu_first_non_jdk_frames": cpu_app.most_common(top),
        "cpu_inclusive_mailfort_james": cpu_ours.most_common(top),
        "cpu_inclusive_mailfort": cpu_mailfort.most_common(top),
        "allocated_bytes_sampled": allocated,
        "allocation_top_frames": allocation_self.most_common(top),
        "allocation_first_non_jdk_frames": allocation_app.most_common(top),
    }
