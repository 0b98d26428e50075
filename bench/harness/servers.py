# Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance
# with the License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
"""The servers under test. Each one starts with fresh state in its own work directory, says where its SMTP, IMAP
and POP3 listen, creates users, and names the processes whose CPU and memory count as "the server"."""

import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
import zipfile
from pathlib import Path

import daemons
from common import (DNS_ADDRESS, DOMAIN, LOOPBACK, PASSWORD, PORTS, REPO, WORK, fresh_dir, log, port_open, run,
                    spawn, stop_process, wait_for_220, wait_until, check_ports_free)

JVM_HEAP = ["-Xms256m", "-Xmx1g"]  # what ./run.sh gives Mailfort; stock James gets the same
# Extra options for the Mailfort JVM only, for experiments (e.g. "-XX:+PrintCompilation"); JAVA_TOOL_OPTIONS would
# reach Cassandra's JVM too.
MAILFORT_EXTRA_JVM = os.environ.get("MAILFORT_BENCH_JVM_OPTS", "").split()


def webadmin(port, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://{LOOPBACK}:{port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


class Server:
    key = ""
    title = ""
    smtp_port = imap_port = pop3_port = 0
    imap_starttls = True
    pop3_stls = True

    def __init__(self, work):
        self.work = fresh_dir(work / self.key)
        self.roots = []  # pids whose process trees are "the server"
        self.components = {}  # the same by name (server, cassandra, clamd, rspamd, postfix, dovecot)
        self.jvm_pid = None
        self.startup = {}  # what took how long to start, seconds
        self.notes = []
        self.versions = {}

    def add_users(self, names):
        raise NotImplementedError

    def stop(self):
        raise NotImplementedError


# ---- Mailfort -------------------------------------------------------------------------------------------------------

MX_LIMIT_PER_IP = 50
SCAN_PROCESSORS = {"virus-scan": "attachment-scan", "attachment-scan": "spam-scan", "spam-scan": "transport"}


def mailfort_conf(target, scanning):
    """The production conf/ as the bench runs it: only listeners, Cassandra, DNS and the scanners' addresses moved
    (like the tests' TestWorkingDirectory). Without scanning, each scan processor becomes a single ToProcessor to the
    next one (the switch-off README's "Scanning" documents) and the in-session rspamd handler is removed."""
    shutil.copytree(REPO / "conf", target)
    ports = PORTS["mailfort"]
    production = {25: "smtp", 587: "submission", 465: "submissions", 143: "imap", 993: "imaps", 110: "pop3",
                  995: "pop3s", 24: "lmtp", 4190: "sieve"}
    for xml in target.glob("*.xml"):
        text = xml.read_text()

        def moved(match):
            return f"<bind>{LOOPBACK}:{ports[production[int(match.group(2))]]}</bind>"
        xml.write_text(re.sub(r"<bind>\s*([^<:]+):(\d+)\s*</bind>", moved, text))
    edit(target / "webadmin.properties", lambda t: re.sub(r"(?m)^port=\d+$", f"port={ports['webadmin']}", t))
    edit(target / "cassandra.properties", lambda t: re.sub(r"(?m)^cassandra\.nodes=.*$",
                                                           f"cassandra.nodes={LOOPBACK}:{PORTS['cassandra']['native']}", t))
    edit(target / "dnsservice.xml", lambda t: replace_once(t, "<autodiscover>true</autodiscover>",
         f"<autodiscover>false</autodiscover><servers><server>{DNS_ADDRESS}</server></servers>"))
    rspamd_url = f"http://{LOOPBACK}:{PORTS['rspamd']}"
    edit(target / "mailetcontainer.xml", lambda t: replace_once(t, "<port>3310</port>", f"<port>{PORTS['clamd']}</port>")
         .replace("http://127.0.0.1:11333", rspamd_url))
    edit(target / "smtpserver.xml", lambda t: t.replace("http://127.0.0.1:11333", rspamd_url))
    # The one change that is not an address: the load comes from one IP (127.0.0.1) where in production 20 sessions
    # come from many senders. With one connection per message, a closing connection still counts for a moment, so the
    # production limit of 20 per IP drops the 21st (smtp-source: "lost connection while reading server greeting").
    # The port-25 listener gets Postfix's default per-client limit (smtpd_client_connection_count_limit = 50).
    edit(target / "smtpserver.xml", lambda t: replace_once(t, "<connectionLimitPerIP>20</connectionLimitPerIP>",
                                                          f"<connectionLimitPerIP>{MX_LIMIT_PER_IP}</connectionLimitPerIP>"))
    if not scanning:
        def bypass(text):
            for processor, following in SCAN_PROCESSORS.items():
                start, body_start, body_end = element_span(text, processor)
                text = (text[:body_start] + '\n            <mailet match="All" class="ToProcessor">'
                        f'<processor>{following}</processor></mailet>\n        ' + text[body_end:])
            return text
        edit(target / "mailetcontainer.xml", bypass)
        handler = re.compile(r'\s*<handler class="dev\.mailfort\.protocols\.smtp\.CheckSpamBeforeAccepting"\s*'
                             r'(/>|>.*?</handler>)', re.S)
        edit(target / "smtpserver.xml", lambda t: handler.sub("", t))


def element_span(xml, state):
    """Where the processor named state starts, where its content starts and ends. Mailet parameters are also called
    <processor>, so tags are counted, comments left out."""
    masked = re.sub(r"<!--.*?-->", lambda m: " " * len(m.group(0)), xml, flags=re.S)
    opening = re.search(r'<processor state="' + re.escape(state) + r'"[^>]*>', masked)
    if not opening:
        raise SystemExit(f"conf/mailetcontainer.xml has no processor {state}: update bench/harness")
    depth = 1
    for tag in re.finditer(r"<processor\b[^>]*?(/?)>|</processor>", masked[opening.end():]):
        if tag.group(0).startswith("</"):
            depth -= 1
        elif not tag.group(1):
            depth += 1
        if depth == 0:
            return opening.start(), opening.end(), opening.end() + tag.start()
    raise SystemExit(f"processor {state} is not closed in conf/mailetcontainer.xml")


def edit(path, change):
    before = path.read_text()
    after = change(before)
    if after == before:
        raise SystemExit(f"bench: expected to change {path.name} but the text was not found: update bench/harness")
    path.write_text(after)


def replace_once(text, old, new):
    if old not in text:
        raise SystemExit(f"bench: '{old}' not found in the configuration: update bench/harness")
    return text.replace(old, new, 1)


class Mailfort(Server):
    imap_starttls = pop3_stls = True

    def __init__(self, work, scanning, jfr=None):
        self.key = "mailfort" if scanning else "mailfort-noscan"
        self.title = "Mailfort (full pipeline)" if scanning else "Mailfort, scanning off"
        super().__init__(work)
        self.scanning = scanning
        ports = PORTS["mailfort"]
        self.smtp_port, self.imap_port, self.pop3_port = ports["smtp"], ports["imap"], ports["pop3"]
        self.webadmin_port = ports["webadmin"]
        self.processes = {}
        self.jfr = jfr

    def start(self):
        check_ports_free(list(PORTS["mailfort"].values()) + list(PORTS["cassandra"].values())
                         + [PORTS["clamd"], PORTS["rspamd"]])
        if self.scanning:
            clamd, signatures = daemons.start_clamd(self.work / "clamd")
            self.notes.append("clamd: " + signatures)
            rspamd = daemons.start_rspamd(self.work / "rspamd")
            self.processes.update(clamd=clamd, rspamd=rspamd)
        cassandra, took = daemons.start_cassandra(self.work / "cassandra")
        self.processes["cassandra"] = cassandra
        self.startup["Cassandra ready"] = took
        conf = self.work / "conf-source"
        mailfort_conf(conf, self.scanning)
        run_dir = self.work / "run"
        run_dir.mkdir()
        env = dict(os.environ, MAILFORT_LOG_DIR=str(run_dir / "logs"))
        jvm = ["java"] + JVM_HEAP + MAILFORT_EXTRA_JVM
        launched = time.monotonic()
        server = spawn(jvm + ["-cp", daemons.MAILFORT_JAR, "dev.mailfort.server.local.LocalRun", conf, run_dir],
                       self.work / "mailfort.out", cwd=run_dir, env=env)
        self.processes["server"] = server
        self.jvm_pid = server.pid
        self.startup["server launch to first 220"] = wait_for_220(self.smtp_port, launched, 300, server)
        wait_until(lambda: port_open(self.webadmin_port) and port_open(self.imap_port), 120, "WebAdmin/IMAP",
                   process=server)
        self.components = {name: p.pid for name, p in self.processes.items()}
        self.roots = list(self.components.values())
        webadmin(self.webadmin_port, "PUT", f"/domains/{DOMAIN}")

    def add_users(self, names):
        for name in names:
            webadmin(self.webadmin_port, "PUT", f"/users/{name}@{DOMAIN}", {"password": PASSWORD})

    def restart(self):
        """Stops the JVM alone and starts it again on the same Cassandra, conf and state: seconds from the launch
        to the first 220, IMAP and WebAdmin then listening as well."""
        stop_process(self.processes["server"], timeout=90)
        run_dir = self.work / "run"
        env = dict(os.environ, MAILFORT_LOG_DIR=str(run_dir / "logs"))
        launched = time.monotonic()
        server = spawn(["java"] + JVM_HEAP + MAILFORT_EXTRA_JVM
                       + ["-cp", daemons.MAILFORT_JAR, "dev.mailfort.server.local.LocalRun",
                          self.work / "conf-source", run_dir],
                       self.work / "mailfort-restart.out", cwd=run_dir, env=env)
        self.processes["server"] = server
        self.jvm_pid = server.pid
        took = wait_for_220(self.smtp_port, launched, 300, server)
        wait_until(lambda: port_open(self.webadmin_port) and port_open(self.imap_port), 120, "WebAdmin/IMAP",
                   process=server)
        self.components["server"] = server.pid
        self.roots = list(self.components.values())
        return took

    def stop(self):
        # The server first (it uses the others), then Cassandra and the scanners.
        for key in ("server", "cassandra", "rspamd", "clamd"):
            stop_process(self.processes.get(key), timeout=90)


# ---- Postfix + Dovecot ---------------------------------------------------------------------------------------------

class PostfixDovecot(Server):
    imap_starttls = pop3_stls = True

    def __init__(self, work, rspamd):
        self.key = "postfix-dovecot-rspamd" if rspamd else "postfix-dovecot"
        self.title = "Postfix + Dovecot + Rspamd (milter)" if rspamd else "Postfix + Dovecot"
        super().__init__(work)
        self.with_rspamd = rspamd
        self.smtp_port = PORTS["postfix"]["smtp"]
        self.imap_port, self.pop3_port = PORTS["dovecot"]["imap"], PORTS["dovecot"]["pop3"]
        self.rspamd = None
        self.users = []

    def start(self):
        check_ports_free([self.smtp_port, self.imap_port, self.pop3_port, PORTS["dovecot"]["lmtp"]]
                         + ([PORTS["rspamd"], PORTS["rspamd_milter"]] if self.with_rspamd else []))
        if self.with_rspamd:
            self.rspamd = daemons.start_rspamd(self.work / "rspamd", milter=True)
        key, cert = daemons.make_certificate(WORK / "tls")
        self.dovecot_dir = self.work / "dovecot"
        for sub in ("run", "state", "mail"):
            (self.dovecot_dir / sub).mkdir(parents=True)
        os.chmod(self.dovecot_dir / "mail", 0o777)
        self.users_file = self.dovecot_dir / "users"
        self.users_file.write_text("")
        self.dovecot_conf = self.dovecot_dir / "dovecot.conf"
        d = self.dovecot_dir
        self.dovecot_conf.write_text(f"""# Written by bench/harness/servers.py: Dovecot's defaults, a private instance on loopback.
protocols = imap pop3 lmtp
listen = {LOOPBACK}
base_dir = {d}/run
state_dir = {d}/state
instance_name = dovecot-bench
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = yes
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
first_valid_uid = 100
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {self.users_file}
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.users_file}
  default_fields = uid=nobody gid=nogroup home={d}/mail/%d/%n
}}
service imap-login {{
  inet_listener imap {{
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {self.pop3_port}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = {LOOPBACK}
    port = {PORTS['dovecot']['lmtp']}
  }}
}}
protocol lmtp {{
  postmaster_address = postmaster@{DOMAIN}
}}
pop3_uidl_format = %08Xu%08Xv
""")
        launched = time.monotonic()
        dovecot = spawn(["dovecot", "-F", "-c", self.dovecot_conf], self.dovecot_dir / "console.log")
        self.dovecot = dovecot
        wait_until(lambda: port_open(self.imap_port) and port_open(PORTS["dovecot"]["lmtp"]), 60, "Dovecot",
                   process=dovecot)
        self.startup["Dovecot listening"] = time.monotonic() - launched

        p = self.work / "postfix"
        self.postfix_conf = p / "conf"
        self.postfix_conf.mkdir(parents=True)
        (p / "queue").mkdir()
        (p / "data").mkdir()
        self.vmailbox = self.postfix_conf / "vmailbox"
        self.vmailbox.write_text("")
        milter = (f"smtpd_milters = inet:{LOOPBACK}:{PORTS['rspamd_milter']}\nmilter_default_action = accept\n"
                  if self.with_rspamd else "")
        (self.postfix_conf / "main.cf").write_text(f"""# Written by bench/harness/servers.py: Postfix's defaults, a private instance on loopback.
compatibility_level = 3.6
queue_directory = {p}/queue
data_directory = {p}/data
mail_owner = postfix
setgid_group = postdrop
myhostname = mx.{DOMAIN}
mydestination =
inet_interfaces = {LOOPBACK}
inet_protocols = ipv4
alias_maps =
alias_database =
maillog_file = {p}/maillog
maillog_file_prefixes = {p}
virtual_mailbox_domains = {DOMAIN}
virtual_mailbox_maps = texthash:{self.vmailbox}
virtual_transport = lmtp:inet:{LOOPBACK}:{PORTS['dovecot']['lmtp']}
{milter}""")
        master = Path("/etc/postfix/master.cf").read_text()
        lines = []
        for line in master.splitlines():
            fields = line.split()
            if line and not line[0].isspace() and not line.startswith("#") and len(fields) >= 8:
                if fields[0] == "smtp" and fields[1] == "inet":
                    fields[0] = f"{LOOPBACK}:{self.smtp_port}"
                fields[4] = "n"  # no chroot: the queue is in the work directory, not /var/spool/postfix
                line = " ".join(fields[:7]) + " " + " ".join(fields[7:])
            lines.append(line)
        (self.postfix_conf / "master.cf").write_text("\n".join(lines) + "\n")
        run(["postfix", "-c", self.postfix_conf, "set-permissions"], capture_output=True, check=False)
        run(["postfix", "-c", self.postfix_conf, "check"])
        launched = time.monotonic()
        run(["postfix", "-c", self.postfix_conf, "start"], capture_output=True)
        self.startup["server launch to first 220"] = wait_for_220(self.smtp_port, launched, 60)
        master_pid = int((p / "queue" / "pid" / "master.pid").read_text().split()[0])
        self.components = {"postfix": master_pid, "dovecot": dovecot.pid}
        if self.rspamd:
            self.components["rspamd"] = self.rspamd.pid
        self.roots = list(self.components.values())
        self.versions["postfix"] = subprocess.run(["postconf", "-d", "-h", "mail_version"], capture_output=True,
                                                  text=True).stdout.strip()
        self.versions["dovecot"] = subprocess.run(["dovecot", "--version"], capture_output=True,
                                                  text=True).stdout.strip()

    def add_users(self, names):
        for name in names:
            address = f"{name}@{DOMAIN}"
            with open(self.users_file, "a") as f:
                f.write(f"{address}:{{PLAIN}}{PASSWORD}::::::\n")
            with open(self.vmailbox, "a") as f:
                f.write(f"{address} ok\n")
        run(["postfix", "-c", self.postfix_conf, "reload"], capture_output=True)
        time.sleep(1)

    def stop(self):
        run(["postfix", "-c", self.postfix_conf, "stop"], capture_output=True, check=False)
        stop_process(self.dovecot)
        stop_process(self.rspamd)


# ---- stock James 3.8.1 memory-app ----------------------------------------------------------------------------------

class StockJames(Server):
    key = "james-memory"
    title = "stock James 3.8.1 memory-app"
    imap_starttls = True
    pop3_stls = False  # its default pop3server.xml has no TLS (and POP3 off: we only switch it on)

    def __init__(self, work, distribution):
        super().__init__(work)
        self.distribution = distribution  # bench/work/stock-james: lib/ and the zip with the default conf
        ports = PORTS["james"]
        self.smtp_port, self.imap_port, self.pop3_port = ports["smtp"], ports["imap"], ports["pop3"]
        self.webadmin_port = ports["webadmin"]

    def start(self):
        check_ports_free(list(PORTS["james"].values()))
        ports = PORTS["james"]
        with zipfile.ZipFile(self.distribution / "james-server-memory-app-3.8.1.zip") as z:
            for member in z.namelist():
                if member.startswith("james-server-memory-app/conf/") and not member.endswith("/"):
                    target = self.work / "conf" / Path(member).name
                    target.parent.mkdir(exist_ok=True)
                    target.write_bytes(z.read(member))
        conf = self.work / "conf"
        production = {25: ports["smtp"], 465: ports["submissions"], 587: ports["submission"], 143: ports["imap"],
                      993: ports["imaps"], 110: ports["pop3"], 4190: ports["sieve"]}
        for xml in conf.glob("*.xml"):
            xml.write_text(re.sub(r"<bind>\s*([^<:]+):(\d+)\s*</bind>",
                                  lambda m: f"<bind>{LOOPBACK}:{production[int(m.group(2))]}</bind>", xml.read_text()))
        edit(conf / "pop3server.xml", lambda t: t.replace('<pop3server enabled="false">', '<pop3server enabled="true">'))
        edit(conf / "webadmin.properties", lambda t: re.sub(r"(?m)^port=\d+$", f"port={ports['webadmin']}", t)
             .replace("host=localhost", f"host={LOOPBACK}"))
        edit(conf / "jmx.properties", lambda t: re.sub(r"(?m)^jmx\.port=\d+$", f"jmx.port={ports['jmx']}", t))
        with open(conf / "jmap.properties", "a") as f:
            f.write(f"\njmap.port={ports['jmap']}\n")
        edit(conf / "dnsservice.xml", lambda t: replace_once(t, "<autodiscover>true</autodiscover>",
             f"<autodiscover>false</autodiscover><servers><server>{DNS_ADDRESS}</server></servers>"))
        run(["keytool", "-genkeypair", "-alias", "james", "-keyalg", "RSA", "-keysize", "2048", "-storetype", "PKCS12",
             "-keystore", conf / "keystore", "-storepass", "james72laBalle", "-dname", "CN=localhost", "-validity",
             "30"], capture_output=True)
        launched = time.monotonic()
        server = spawn(["java"] + JVM_HEAP + [f"-Dworking.directory={self.work}",
                        f"-Dlogback.configurationFile={conf}/logback.xml", "-Djdk.tls.ephemeralDHKeySize=2048",
                        "-cp", f"{self.distribution}/lib/*", "org.apache.james.MemoryJamesServerMain"],
                       self.work / "james.out", cwd=self.work)
        self.process = server
        self.jvm_pid = server.pid
        self.startup["server launch to first 220"] = wait_for_220(self.smtp_port, launched, 300, server)
        wait_until(lambda: port_open(self.webadmin_port) and port_open(self.imap_port), 120, "WebAdmin/IMAP",
                   process=server)
        self.components = {"server": server.pid}
        self.roots = [server.pid]
        webadmin(self.webadmin_port, "PUT", f"/domains/{DOMAIN}")

    def add_users(self, names):
        for name in names:
            webadmin(self.webadmin_port, "PUT", f"/users/{name}@{DOMAIN}", {"password": PASSWORD})

    def stop(self):
        stop_process(self.process, timeout=60)
