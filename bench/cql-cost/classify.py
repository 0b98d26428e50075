# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Statements of a FqlTsv dump by table and kind, per delivered message."""
import re, sys, collections

def kind(cl, q):
    u = q.upper()
    if u.startswith("SELECT"):
        return "SERIAL read" if cl in ("SERIAL", "LOCAL_SERIAL") else "read"
    if re.search(r"\sIF\s", u):
        return "LWT write (IF)"
    if table(q) in COUNTER_TABLES:
        return "counter update"
    return "delete" if u.startswith("DELETE") else "write"

COUNTER_TABLES = {"mailboxcounters", "currentquota"}
PHASE = {
    "domains": "recipient/domain checks (SMTP + mailets)", "user": "recipient/domain checks (SMTP + mailets)",
    "rrt": "recipient/domain checks (SMTP + mailets)",
    "vacation": "delivery mailets (Vacation, Sieve)", "vacation_notification_registry": "delivery mailets (Vacation, Sieve)",
    "sieve_active": "delivery mailets (Vacation, Sieve)",
    "mailboxpathv3": "mailbox lookup (INBOX by path, ACL)", "aclv2": "mailbox lookup (INBOX by path, ACL)",
    "mailbox": "mailbox lookup (INBOX by path, ACL)",
    "maxquota": "quota", "domainmaxquota": "quota", "defaultmaxquota2": "quota", "currentquota": "quota",
    "messagecounter": "append: UID + MODSEQ allocation", "modseq": "append: UID + MODSEQ allocation",
    "threadtable": "append: thread id guessing", "threadlookuptable": "append: thread id guessing",
    "blobs": "append: blobs (header + body)", "blobparts": "append: blobs (header + body)",
}

def table(q):
    m = re.search(r"(?:FROM|INTO|UPDATE)\s+(?:\w+\.)?\"?(\w+)\"?", q, re.I)
    return m.group(1) if m else "?"

def main(path, n, exclude_before=None):
    by = collections.Counter(); shapes = collections.Counter(); kinds = collections.Counter()
    for line in open(path):
        if not (line.startswith("single") or line.startswith("batch")):
            continue
        typ, start, cl, serial, ks, q = line.rstrip("\n").split("\t", 5)
        k = kind(cl, q)
        if typ.startswith("batch"):
            k = "in batch: " + k
        t = table(q)
        by[(t, k)] += 1; kinds[k] += 1
        shapes[(t, k, re.sub(r"\s+", " ", q)[:160])] += 1
    total = sum(by.values())
    phases = collections.Counter()
    for (t, k), c in by.items():
        phases[PHASE.get(t, "append: message metadata, indexes, counters")] += c
    print("\n| phase | statements | per msg |\n|---|---:|---:|")
    for ph, c in phases.most_common():
        print(f"| {ph} | {c} | {c/n:.2f} |")
    print(f"total {total} statements, {total/n:.2f} per message (n={n})")
    print("\n| kind | count | per msg |\n|---|---:|---:|")
    for k, c in kinds.most_common():
        print(f"| {k} | {c} | {c/n:.2f} |")
    print("\n| table | kind | count | per msg |\n|---|---|---:|---:|")
    for (t, k), c in by.most_common():
        print(f"| {t} | {k} | {c} | {c/n:.2f} |")
    print("\nstatement shapes:")
    for (t, k, q), c in shapes.most_common():
        print(f"{c:6d} {c/n:6.2f}  {k:16s} {q}")

main(sys.argv[1], int(sys.argv[2]))
