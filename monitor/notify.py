"""Telling people of new alerts: only the alerts the latest monitor run opened (or reopened), sent once, by
mail or webhook to every URL the registry's ``[settings] notify`` lists (apprise: ``mailto://``,
``json://``, ``dingtalk://``, ``wecombot://``, ``feishu://`` …).

Each sending is a run of kind ``notify`` naming the monitor run it reported; the ``notifications`` table
keeps, per service, which monitor runs' alerts got through. A service that failed is sent them again with
the next call (with that call's new alerts), the services that got them are not.

Example::

    notify_new_alerts(db, ["mailto://smtp.example.gov.cn?to=gkb@example.gov.cn"], "http://10.0.0.5:8001")
    NotifyResult(monitor_run=12, alerts=3, sent=['mailto://…'], failed=[])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import apprise
from nianbao.db.alert_list import alert_row, notified_monitor_runs
from nianbao.db.alerts import latest_run_id
from nianbao.db.archive import utc_now
from nianbao.db.notifications import delivered_services, owed_monitor_runs, record_attempt, service_key
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


def deliver(url: str, title: str, body: str) -> bool:
    service = apprise.Apprise()
    service.add(url)
    return service.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)


SERVER_SCHEMES = ("mailto", "mailtos", "json", "jsons", "xml", "xmls", "form", "forms")


def redacted(url: str) -> str:
    """A URL as the runs table keeps it: the server of a mail or webhook URL, only the scheme of the others
    (钉钉, 企业微信 and 飞书 URLs are made of tokens); never a password, path or query."""
    scheme, _, rest = url.partition("://")
    if scheme not in SERVER_SCHEMES:
        return f"{scheme}://…"
    return f"{scheme}://{rest.split('?')[0].split('/')[0].split('@')[-1]}"


def notify_new_alerts(db, urls, base_url: str, monitor_run: int | None = None) -> NotifyResult:
    """Send the alerts ``monitor_run`` (default: the latest monitor run) opened to each service that has not
    got them yet, together with the alerts of earlier runs a service still owes (it failed then); a service
    that already got them is never sent them again."""
    check_urls(urls)
    monitor_run = monitor_run or latest_run_id(db, "monitor")
    result = NotifyResult(monitor_run)
    if monitor_run is None or not urls:
        return result
    keys = {url: service_key(url) for url in urls}
    owed = {url: owed_runs(db, keys[url], monitor_run) for url in urls}
    if not any(owed.values()):
        result.already_sent = True
        return result
    run_id = start_run(db, "notify", {"monitor_run": monitor_run, "services": [redacted(u) for u in owed if owed[u]]})
    sent_alerts: set[int] = set()
    for url in (u for u in urls if owed[u]):
        alerts = alerts_opened_by(db, owed[url], base_url)
        ok = not alerts or deliver(url, *message(alerts))
        record_attempt(db, owed[url], keys[url], redacted(url), run_id=run_id, now=utc_now(), sent=ok)
        if ok:
            result.sent.append(redacted(url))
            sent_alerts.update(a["id"] for a in alerts)
        else:
            result.failed.append(redacted(url))
    result.alerts = len(sent_alerts)
    counters = {"alerts": result.alerts, "sent": result.sent, "failed": result.failed}
    finish_run(db, run_id, "failed" if result.failed else "ok", counters)
    return result


def owed_runs(db, service: str, monitor_run: int) -> set[int]:
    """The monitor runs whose new alerts this service has not got: this one (unless it got them, or a
    sending that ended ok covered the run: all services then named, as before deliveries were kept per
    service), and any it failed to get before."""
    done = service in delivered_services(db, monitor_run) or monitor_run in notified_monitor_runs(db)
    return owed_monitor_runs(db, service) | (set() if done else {monitor_run})


def alerts_opened_by(db, monitor_runs: set[int], base_url: str) -> list[dict]:
    """The runs' new alerts that are still open, each once, in the order they were opened."""
    ids = sorted({a["id"] for run in monitor_runs for a in new_alerts(db, run)})
    return [listed(alert_row(db, i), base_url) for i in ids]
