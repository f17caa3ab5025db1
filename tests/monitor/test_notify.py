"""Notifications of new alerts, received by a local SMTP server (aiosmtpd) and a local webhook (HTTP),
both on 127.0.0.1 and started by the test."""

import email
import email.policy
import json
import re
import socket
import threading
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from aiosmtpd.controller import Controller
from nianbao.db import open_db
from nianbao.monitor.alerts import new_alerts
from nianbao.monitor.notify import NotifyError, notify_new_alerts
from nianbao.monitor.run import run_monitor

from nianbao.registry import parse_registry

from .outputs.conftest import REGISTRY, XIXIA, build_archive

BASE = "http://10.1.2.3:8001"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield mailbox, f"mailto://127.0.0.1:{controller.port}?from=nianbao@localhost&to=gkb@example.org&secure=no"
    controller.stop()


@pytest.fixture
def webhook():
    posts = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            posts.append((self.path, json.loads(self.rfile.read(int(self.headers["content-length"])))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield posts, f"json://127.0.0.1:{server.server_port}/hook"
    server.shutdown()


def monitor(db, registry_text):
    return run_monitor(
        db, parse_registry(registry_text), as_of=date(2025, 4, 10), now=datetime(2025, 4, 10, 2, tzinfo=UTC)
    )


def alert_ids(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"（#(\d+)）", text)}


def plain_body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_only_new_alerts_are_sent_once_by_mail_and_webhook(tmp_path, smtp, webhook):
    (mailbox, mail_url), (posts, hook_url) = smtp, webhook
    db = build_archive(tmp_path / "archive.db", with_alerts=False)
    monitor(db, REGISTRY)
    first = {a["id"] for a in new_alerts(db)}
    assert len(first) >= 3

    result = notify_new_alerts(db, [mail_url, hook_url], BASE)
    assert result.alerts == len(first) and len(result.sent) == 2 and not result.failed
    [mail], [(path, payload)] = mailbox.messages, posts
    assert path == "/hook" and mail["To"] == "gkb@example.org"
    assert mail["Subject"] == payload["title"] and f"新提醒 {len(first)} 条" in payload["title"]
    assert alert_ids(plain_body(mail)) == alert_ids(payload["message"]) == first
    assert "西夏区教育局" in payload["message"] and "未发布" in payload["message"]
    assert f"{BASE}/-/evidence/alert/" in payload["message"]

    again = notify_new_alerts(db, [mail_url, hook_url], BASE)
    assert again.already_sent and len(mailbox.messages) == 1 and len(posts) == 1

    # the next run finds one new problem: a newly registered agency without its 2024 report
    monitor(
        db,
        REGISTRY
        + f'[[agency]]\nname = "西夏区民政局"\nkind = "department"\nregion = "{XIXIA}"\nportal = "西夏区"\nsince = 2024\n',
    )
    [new] = new_alerts(db)
    notify_new_alerts(db, [mail_url, hook_url], BASE)
    assert len(mailbox.messages) == 2 and len(posts) == 2
    assert alert_ids(plain_body(mailbox.messages[1])) == alert_ids(posts[1][1]["message"]) == {new["id"]}
    assert "西夏区民政局" in posts[1][1]["message"] and "新提醒 1 条" in posts[1][1]["title"]
    runs = list(db.query("SELECT outcome, counters FROM runs WHERE kind = 'notify' ORDER BY id"))
    assert [r["outcome"] for r in runs] == ["ok", "ok"] and json.loads(runs[1]["counters"])["alerts"] == 1


@pytest.fixture
def flaky_webhook():
    """A webhook that answers 503 while ``down`` is set, then 200: a service that fails and recovers."""
    posts, state = [], {"down": True}

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            payload = json.loads(self.rfile.read(int(self.headers["content-length"])))
            if not state["down"]:
                posts.append((self.path, payload))
            self.send_response(503 if state["down"] else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield posts, state, f"json://127.0.0.1:{server.server_port}/flaky"
    server.shutdown()


def test_a_failed_service_alone_is_retried(tmp_path, webhook, flaky_webhook):
    (posts, hook_url), (flaky_posts, flaky, flaky_url) = webhook, flaky_webhook
    db = build_archive(tmp_path / "archive.db", with_alerts=False)
    monitor(db, REGISTRY)
    first = {a["id"] for a in new_alerts(db)}
    flaky_label = f"json://{flaky_url.split('//')[1].split('/')[0]}"

    result = notify_new_alerts(db, [hook_url, flaky_url], BASE)
    assert result.failed == [flaky_label] and len(result.sent) == 1 and not flaky_posts
    assert alert_ids(posts[0][1]["message"]) == first

    flaky["down"] = False
    retry = notify_new_alerts(db, [hook_url, flaky_url], BASE)
    assert retry.sent == [flaky_label] and not retry.failed and retry.alerts == len(first)
    assert len(posts) == 1  # the service that got them is not sent them again
    assert alert_ids(flaky_posts[0][1]["message"]) == first
    assert notify_new_alerts(db, [hook_url, flaky_url], BASE).already_sent
    assert len(posts) == 1 and len(flaky_posts) == 1
    outcomes = [r["outcome"] for r in db.query("SELECT outcome FROM runs WHERE kind = 'notify' ORDER BY id")]
    assert outcomes == ["failed", "ok"]
    stored = db.execute("SELECT service, label FROM notifications").fetchall()
    assert len(stored) == 2 and not [row for row in stored if any("/flaky" in v or "/hook" in v for v in row)]


def test_a_failed_service_gets_what_it_missed_with_the_next_runs_alerts(tmp_path, webhook, flaky_webhook):
    (posts, hook_url), (flaky_posts, flaky, flaky_url) = webhook, flaky_webhook
    db = build_archive(tmp_path / "archive.db", with_alerts=False)
    monitor(db, REGISTRY)
    first = {a["id"] for a in new_alerts(db)}
    notify_new_alerts(db, [hook_url, flaky_url], BASE)

    flaky["down"] = False
    monitor(
        db,
        REGISTRY
        + f'[[agency]]\nname = "西夏区民政局"\nkind = "department"\nregion = "{XIXIA}"\nportal = "西夏区"\nsince = 2024\n',
    )
    [new] = new_alerts(db)
    result = notify_new_alerts(db, [hook_url, flaky_url], BASE)
    assert len(result.sent) == 2 and result.alerts == len(first) + 1
    assert alert_ids(posts[1][1]["message"]) == {new["id"]}
    assert alert_ids(flaky_posts[0][1]["message"]) == first | {new["id"]}
    owed = db.execute("SELECT count(*) FROM notifications WHERE sent_at IS NULL").fetchone()[0]
    assert owed == 0 and len(posts) == 2 and len(flaky_posts) == 1


def test_a_url_apprise_does_not_know_is_one_line(tmp_path):
    db = open_db(tmp_path / "archive.db")
    with pytest.raises(NotifyError, match="not a notification URL"):
        notify_new_alerts(db, ["nosuch://x"], BASE)


def test_the_registry_names_the_services(tmp_path):
    registry = parse_registry(
        REGISTRY + '[settings]\nnotify = ["json://127.0.0.1:9/hook"]\nevidence_url = "http://a:1"\n'
    )
    assert registry.notify == ("json://127.0.0.1:9/hook",) and registry.evidence_url == "http://a:1"


def test_nianbao_monitor_sends_what_the_registry_asks_for(tmp_path, webhook):
    import subprocess
    import sys

    posts, hook_url = webhook
    build_archive(tmp_path / "archive.db", with_alerts=False).close()
    registry = tmp_path / "registry.toml"
    registry.write_text(REGISTRY + f'[settings]\nnotify = ["{hook_url}"]\nevidence_url = "{BASE}"\n', encoding="utf-8")
    args = [sys.executable, "-m", "nianbao", "monitor", "--registry", str(registry), "--as-of", "2025-04-10"]
    result = subprocess.run([*args, "--db", str(tmp_path / "archive.db")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "notify:" in result.stdout and len(posts) == 1 and f"{BASE}/-/evidence/alert/" in posts[0][1]["message"]
    subprocess.run([*args, "--db", str(tmp_path / "archive.db")], capture_output=True, text=True, check=True)
    assert len(posts) == 1  # the second run opened nothing new: nothing is sent
