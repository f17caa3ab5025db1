"""Telling people of new alerts: only the alerts the latest monitor run opened (or reopened), sent once, by
mail or webhook to every URL the registry's ``[settings] notify`` lists (apprise: ``mailto://``,
``json://``, ``dingtalk://``, ``wecombot://``, ``feishu://`` …).

Each sending is a run of kind ``notify`` naming the monitor run it reported, so the same alerts are not
sent twice; a sending that failed for some URL is retried with the next call.

Example::

    notify_new_alerts(db, ["mailto://smtp.example.gov.cn?to=gkb@example.gov.cn"], "http://10.0.0.5:8001")
    NotifyResult(monitor_run=12, alerts=3, sent=['mailto://…'], failed=[])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import apprise
from nianbao.db.alert_list import alert_row, notified_monitor_runs
from nianbao.db.alerts import latest_run_id
from nianbao.db.runs import finish_run, start_run

from .alerts import new_alerts
from .outputs.alert_list import listed
from .outputs.charts import short_region
from .outputs.labels import SEVERITY_NAMES

MOST_ALERTS_IN_A_MESSAGE = 50  # a longer list belongs in the Excel file, not in a chat message


class NotifyError(ValueError):
    """A notification URL apprise does not understand: one line."""


@dataclass
class NotifyResult:
    monitor_run: int | None
    alerts: int = 0
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    already_sent: bool = False


def message(alerts: list[dict]) -> tuple[str, str]:
    """Title and plain-text body: counts by severity, then one paragraph per alert with its evidence link."""
    counts = "，".join(f"{name} {sum(a['severity'] == s for a in alerts)}" for s, name in SEVERITY_NAMES.items())
    title = f"年报监测：新提醒 {len(alerts)} 条（{counts}）"
    paragraphs = [
        f"[{a['severity_name']}] {short_region(a['region'])} · {a['about']} · "
        f"{a['year'] or '—'}年度 · {a['code_name']}（#{a['id']}）\n  {a['message'] or ''}\n  证据：{a['evidence_url']}"
        for a in alerts[:MOST_ALERTS_IN_A_MESSAGE]
    ]
    if len(alerts) > MOST_ALERTS_IN_A_MESSAGE:
        paragraphs.append(f"另有 {len(alerts) - MOST_ALERTS_IN_A_MESSAGE} 条，见 nianbao alerts --output 提醒清单.xlsx")
    return title, "\n\n".join(paragraphs)


def check_urls(urls) -> None:
    for url in urls:
        if not apprise.Apprise().add(url):
            raise NotifyError(f"notify: {url.split('?')[0]!r} is not a notification URL apprise knows")


def send(urls, title: str, body: str) -> tuple[list[str], list[str]]:
    """Each URL on its own, so one unreachable service does not hide the others: (sent, failed)."""
    sent, failed = [], []
    for url in urls:
        service = apprise.Apprise()
        service.add(url)
        ok = service.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
        (sent if ok else failed).append(redacted(url))
    return sent, failed


SERVER_SCHEMES = ("mailto", "mailtos", "json", "jsons", "xml", "xmls", "form", "forms")


def redacted(url: str) -> str:
    """A URL as the runs table keeps it: the server of a mail or webhook URL, only the scheme of the others
    (钉钉, 企业微信 and 飞书 URLs are made of tokens); never a password, path or query."""
    scheme, _, rest = url.partition("://")
    if scheme not in SERVER_SCHEMES:
        return f"{scheme}://…"
    return f"{scheme}://{rest.split('?')[0].split('/')[0].split('@')[-1]}"


def notify_new_alerts(db, urls, base_url: str, monitor_run: int | None = None) -> NotifyResult:
    """Send the alerts ``monitor_run`` (default: the latest monitor run) opened, unless already sent."""
    check_urls(urls)
    monitor_run = monitor_run or latest_run_id(db, "monitor")
    result = NotifyResult(monitor_run)
    if monitor_run is None or not urls:
        return result
    if monitor_run in notified_monitor_runs(db):
        result.already_sent = True
        return result
    alerts = [listed(alert_row(db, a["id"]), base_url) for a in new_alerts(db, monitor_run)]
    result.alerts = len(alerts)
    run_id = start_run(db, "notify", {"monitor_run": monitor_run, "services": [redacted(u) for u in urls]})
    if alerts:
        result.sent, result.failed = send(urls, *message(alerts))
    counters = {"alerts": len(alerts), "sent": result.sent, "failed": result.failed}
    finish_run(db, run_id, "failed" if result.failed else "ok", counters)
    return result
