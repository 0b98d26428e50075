# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Paths, ports, child processes and /proc accounting shared by every part of the benchmark."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent
REPO = BENCH.parent
WORK = BENCH / "work"
RESULTS = BENCH / "results"

LOOPBACK = "127.0.0.1"
# dnsmasq answers on port 53 of a loopback address of its own: James's DNS client cannot be given another port.
DNS_ADDRESS = "127.0.25.53"

# Every listener of the benchmark, in 25000-25999 so that it never meets the dev Cassandra (39042) or the tests.
PORTS = {
    "mailfort": {"smtp": 25025, "submission": 25587, "submissions": 25465, "imap": 25143, "imaps": 25993,
                 "pop3": 25110, "pop3s": 25995, "lmtp": 25024, "sieve": 25190, "webadmin": 25800},
    "cassandra": {"native": 25042, "storage": 25700, "jmx": 25199},
    "clamd": 25310,
    "rspamd": 25333,
    "rspamd_milter": 25332,
    "postfix": {"smtp": 25125},
    "dovecot": {"imap": 25243, "pop3": 25210, "lmtp": 25224},
    "james": {"smtp": 25325, "submissions": 25326, "submission": 25327, "imap": 25343, "imaps": 25393,
              "pop3": 25311, "webadmin": 25380, "jmap": 25381, "jmx": 25399, "sieve": 25390},
}

SENDER_DOMAIN = "sender.example"
SENDER = "newsletter@" + SENDER_DOMAIN
HELO = "mail." + SENDER_DOMAIN
DOMAIN = "bench.example"
PASSWORD = "bench-passphrase-42"

_children = []


def log(message):
    print(time.strftime("%H:%M:%S ") + message, flush=True)


def fresh_dir(path):
    path = Path(path)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def spawn(command, log_file, cwd=None, env=None, preexec=True, track=True):
    """Starts a daemon in a process group of its own, output appended to log_file; stopped by stop_all() unless
    track is False (the caller stops it)."""
    Path(log_file).parent.mkdir(parents=True, exist_ok=True)
    out = open(log_file, "ab")
    process = subprocess.Popen([str(c) for c in command], stdout=out, stderr=subprocess.STDOUT, cwd=cwd,
                               env=env, start_new_session=preexec)
    if track:
        _children.append(process)
    return process


def stop_process(process, timeout=60):
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        log(f"pid {process.pid} did not stop within {timeout} s: killing it")
        process.kill()
        process.wait(10)


def stop_all():
    while _children:
        stop_process(_children.pop())


def port_open(port, host=LOOPBACK):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def check_ports_free(ports, patience=90):
    """Waits up to `patience` seconds for the ports to be free (a daemon of the previous server may still be
    stopping; a test elsewhere may hold one for a moment), then gives up on this server."""
    deadline = time.monotonic() + patience
    while True:
        taken = [p for p in ports if port_open(p)]
        if not taken:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"ports already in use: {taken} (another bench still running? see bench/README.md)")
        time.sleep(2)


def wait_until(predicate, timeout, what, interval=0.2, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: process exited with {process.returncode}")
        time.sleep(interval)
    raise TimeoutError(f"{what}: not ready after {timeout} s")


def smtp_greeting(port, host=LOOPBACK):
    """The first line of the SMTP greeting, or None when nothing answers yet."""
    try:
        with socket.create_connection((host, port), timeout=2) as s:
            s.settimeout(5)
            line = s.makefile("rb").readline().decode("ascii", "replace").strip()
            try:
                s.sendall(b"QUIT\r\n")
            except OSError:
                pass
            return line
    except OSError:
        return None


def wait_for_220(port, launched_at, timeout, process=None):
    """Seconds from launched_at (time.monotonic()) to the first 220 greeting on port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = smtp_greeting(port)
        if line and line.startswith("220"):
            return time.monotonic() - launched_at
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before greeting on {port}")
        time.sleep(0.05)
    raise TimeoutError(f"no 220 on port {port} after {timeout} s")


def run(command, check=True, **kwargs):
    return subprocess.run([str(c) for c in command], check=check, **kwargs)


# ---- /proc accounting ----------------------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    # The command name may hold spaces and parentheses: fields start after the last ')'.
    rest = text[text.rindex(")") + 2:].split()
    return {"ppid": int(rest[1]), "utime": int(rest[11]), "stime": int(rest[12]), "cutime": int(rest[13]),
            "cstime": int(rest[14])}


def descendants(roots):
    """The root pids that live and every live descendant of them."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = _stat(entry)["ppid"]
            except (OSError, ValueError, IndexError):
                pass
    found = {p for p in roots if p in parents}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parents.items():
            if ppid in found and pid not in found:
                found.add(pid)
                changed = True
    return found


def cpu_seconds(roots):
    """utime+stime of every live process of the trees, plus what their reaped children used (cutime+cstime): a
    short-lived worker (a Postfix smtpd, a Dovecot lmtp) that exits between two readings is still counted."""
    total = 0
    for pid in descendants(roots):
        try:
            s = _stat(pid)
        except (OSError, ValueError, IndexError):
            continue
        total += s["utime"] + s["stime"] + s["cutime"] + s["cstime"]
    return total / CLOCK_TICKS


def jit_cpu_seconds(roots):
    """CPU of the JIT compiler threads (C1/C2 "CompilerThread") of the JVMs in the trees. A JVM compiles its hot
    code during its first thousands of messages; this is what that costs while it lasts (zero for native servers)."""
    total = 0
    for pid in descendants(roots):
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                with open(f"/proc/{pid}/task/{tid}/stat") as f:
                    text = f.read()
            except OSError:
                continue
            if "CompilerThre" in text[text.index("(") + 1:text.rindex(")")]:
                rest = text[text.rindex(")") + 2:].split()
                total += int(rest[11]) + int(rest[12])
    return total / CLOCK_TICKS


def memory_kib(roots):
    """Sum of Rss and Pss (KiB) over the trees, from /proc/<pid>/smaps_rollup."""
    rss = pss = 0
    for pid in descendants(roots):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
    return {"rss": rss, "pss": pss}


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def die(message):
    log(message)
    sys.exit(1)
