# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""Sending load, watching it arrive, and reading it back.

Accept times: smtp-source -c prints a counter each time a DATA completes (a 250); each one is time-stamped as it is
read. The mix generator time-stamps its own 250s. Delivery times: an IMAP session polls STATUS INBOX (MESSAGES) every
POLL_INTERVAL; the k-th delivery time is the first poll that saw k or more messages. The lag of the k-th message is
then (k-th delivery) - (k-th 250): first in, first out, which is what a queue does on average; with parallel delivery
it is an estimate of each message's own lag, exact for its distribution's median and tail when the order holds."""

import imaplib
import os
import poplib
import random
import smtplib
import ssl
import subprocess
import threading
import time
import zipfile
import io
import email.policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from common import DOMAIN, HELO, LOOPBACK, PASSWORD, SENDER

POLL_INTERVAL = 0.1


def tls_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def imap_login(server, user):
    imap = imaplib.IMAP4(LOOPBACK, server.imap_port, timeout=120)
    if server.imap_starttls:
        imap.starttls(tls_context())
    imap.login(f"{user}@{DOMAIN}", PASSWORD)
    return imap


def status_messages(imap, mailbox="INBOX"):
    typ, data = imap.status(mailbox, "(MESSAGES)")
    if typ != "OK":
        return 0
    text = data[0].decode()
    return int(text.split("MESSAGES")[1].strip(" )").split()[0])


class DeliveryWatcher:
    """Polls the recipient's INBOX until it holds `expected` messages (or the time runs out)."""

    def __init__(self, server, user, expected):
        self.imap = imap_login(server, user)
        self.expected = expected
        self.samples = []  # (monotonic time, count)
        self.stop_at = None
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def start(self):
        self.thread.start()

    def _poll(self):
        while True:
            now = time.monotonic()
            try:
                count = status_messages(self.imap)
            except Exception as e:  # noqa: BLE001 - a broken session ends the watch, reported as not delivered
                self.error = repr(e)
                return
            self.samples.append((now, count))
            if count >= self.expected or (self.stop_at and now > self.stop_at):
                return
            time.sleep(POLL_INTERVAL)

    def wait(self, deadline):
        self.stop_at = deadline
        self.thread.join(max(0.0, deadline - time.monotonic()) + 5)
        try:
            self.imap.logout()
        except Exception:  # noqa: BLE001
            pass

    def delivery_times(self):
        """Time of the k-th delivery, k = 1..delivered."""
        times = []
        for when, count in self.samples:
            while len(times) < count:
                times.append(when)
        return times


def smtp_source(server, user, messages, sessions, size, subject):
    """Runs Debian's smtp-source; returns (start time, [time of each 250], error text or None)."""
    command = ["smtp-source", "-c", "-s", str(sessions), "-m", str(messages), "-l", str(size), "-M", HELO,
               "-f", SENDER, "-t", f"{user}@{DOMAIN}", "-S", subject, f"{LOOPBACK}:{server.smtp_port}"]
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    accepted = []
    buffer = b""
    fd = process.stdout.fileno()
    while True:
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        now = time.monotonic()
        buffer += chunk
        *complete, buffer = buffer.split(b"\r")
        accepted.extend(now for piece in complete if piece.strip())
    process.wait()
    error = process.stderr.read().decode(errors="replace").strip() or None
    if process.returncode != 0 and not error:
        error = f"smtp-source exited with {process.returncode}"
    return start, accepted, error


# ---- the realistic mix ---------------------------------------------------------------------------------------------

WORDS = ("the quarterly report meeting agenda please find attached invoice project update schedule budget review "
         "customer feedback release notes team lunch deadline thanks regards best kind question answer proposal "
         "contract draft signed shipment delivery order payment received account summary travel hotel booking "
         "confirmation reminder monday tuesday friday next week office building parking access policy security "
         "training session slides notes minutes follow action items owner status green amber red risk").split()


def prose(rng, size):
    words, length = [], 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    lines, line = [], []
    for word in words:
        line.append(word)
        if len(line) > 11:
            lines.append(" ".join(line).capitalize() + ".")
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines) + "\n"


def docx_bytes(rng, size):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", "<w:document><w:body>" + prose(rng, size) + "</w:body></w:document>")
        z.writestr("word/media/image1.png", rng.randbytes(size // 2))
    return buffer.getvalue()


def mix_templates(seed=8):
    """A fixed set of messages (same seed, same load for every server): 50 % plain text 1-6 KiB, 20 % text+HTML
    5-20 KiB, 15 % a PDF 30-200 KiB, 10 % a Word document 20-80 KiB, 5 % a PNG 100-500 KiB."""
    rng = random.Random(seed)
    templates = []
    for i in range(100):
        kind = i % 20
        msg = EmailMessage()
        msg["Subject"] = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
        if kind < 10:
            msg.set_content(prose(rng, rng.randint(1024, 6 * 1024)))
        elif kind < 14:
            text = prose(rng, rng.randint(2500, 10 * 1024))
            msg.set_content(text)
            msg.add_alternative("<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n")) + "</body></html>",
                                subtype="html")
        elif kind < 17:
            msg.set_content(prose(rng, 800))
            pdf = b"%PDF-1.4\n" + rng.randbytes(rng.randint(30, 200) * 1024) + b"\n%%EOF\n"
            msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"invoice-{i}.pdf")
        elif kind < 19:
            msg.set_content(prose(rng, 600))
            msg.add_attachment(docx_bytes(rng, rng.randint(20, 80) * 1024), maintype="application",
                               subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                               filename=f"minutes-{i}.docx")
        else:
            msg.set_content(prose(rng, 400))
            png = b"\x89PNG\r\n\x1a\n" + rng.randbytes(rng.randint(100, 500) * 1024)
            msg.add_attachment(png, maintype="image", subtype="png", filename=f"photo-{i}.png")
        # Headers that differ per message are added at send time; SMTP line endings (CRLF) throughout.
        templates.append(msg.as_bytes(policy=email.policy.SMTP))
    return templates


def send_mix(server, user, messages, sessions, templates):
    """Like smtp-source (one connection per message, `sessions` in parallel), with the mix's messages, each with a
    Message-ID and Date of its own. Returns (start, [time of each 250], error or None)."""
    accepted, errors = [], []
    lock = threading.Lock()
    counter = iter(range(messages))
    recipient = f"{user}@{DOMAIN}"

    def worker():
        while True:
            with lock:
                index = next(counter, None)
            if index is None or errors:
                return
            data = (f"From: Newsletter <{SENDER}>\r\nTo: {recipient}\r\nDate: {formatdate(localtime=False)}\r\n"
                    f"Message-ID: {make_msgid(domain=HELO)}\r\n").encode() + templates[index % len(templates)]
            try:
                with smtplib.SMTP(LOOPBACK, server.smtp_port, local_hostname=HELO, timeout=120) as smtp:
                    smtp.sendmail(SENDER, [recipient], data)
                now = time.monotonic()
                with lock:
                    accepted.append(now)
            except (smtplib.SMTPException, OSError) as e:
                with lock:
                    errors.append(repr(e))
                return

    start = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return start, sorted(accepted), (errors[0] + f" ({len(errors)} errors)") if errors else None


# ---- reading back --------------------------------------------------------------------------------------------------

def fetch_timings(server, user, count):
    """Seconds for one `FETCH 1:count (BODY[])`, then for `count` single FETCH commands on the same mailbox (its
    messages already \\Seen by then), bytes read."""
    imap = imap_login(server, user)
    imap.select("INBOX")
    begin = time.perf_counter()
    typ, data = imap.fetch(f"1:{count}", "(BODY[])")
    one_command = time.perf_counter() - begin
    size = sum(len(part[1]) for part in data if isinstance(part, tuple))
    fetched = sum(1 for part in data if isinstance(part, tuple))
    begin = time.perf_counter()
    for n in range(1, count + 1):
        imap.fetch(str(n), "(BODY[])")
    singles = time.perf_counter() - begin
    imap.logout()
    if typ != "OK" or fetched != count:
        raise RuntimeError(f"FETCH returned {typ} with {fetched} of {count} messages")
    return one_command, singles, size


def pop3_retr_timing(server, user, count):
    pop = poplib.POP3(LOOPBACK, server.pop3_port, timeout=120)
    if server.pop3_stls:
        pop.stls(tls_context())
    pop.user(f"{user}@{DOMAIN}")
    pop.pass_(PASSWORD)
    available = pop.stat()[0]
    if available < count:
        raise RuntimeError(f"POP3 sees {available} messages, fewer than {count}")
    begin = time.perf_counter()
    for n in range(1, count + 1):
        pop.retr(n)
    took = time.perf_counter() - begin
    pop.quit()
    return took
