"""Archive-level checks, alert lists, outputs and the scheduler.

What the monitor core gives the rest of the project (names are stable):

- ``nianbao.monitor.deadlines.deadline_for(kind, region, year, rules) -> Deadline`` (``.date``,
  ``.late_after`` grace included, ``.days_late(published)``, ``.rule``): the one deadline rule.
  ``DeadlineRules.from_registry(registry)``; ``stored_rules(conn)`` reads the rules the last monitor run
  stored in the archive (tables ``deadline_rules``, ``monitor_settings``);
  ``register_sql_function(conn)`` adds ``nianbao_deadline(kind, region, year)`` (last on-time day, ISO)
  to a connection (Datasette: call it from a ``prepare_connection`` hook) so the canned 迟报 query uses it.
- ``nianbao.monitor.run.run_monitor(db, registry, as_of=date, now=datetime) -> MonitorResult``: one run.
- ``nianbao.monitor.alerts.new_alerts(db, run_id=None) -> list[dict]``: alerts the latest monitor run opened
  or reopened and still open (what to send by mail or webhook); ``acknowledge(db, id, note, now)``,
  ``dismiss(db, id, reason, now)``.
- Table ``alerts``: one row per fingerprint (code + agency + year (+ report) (+ subject: a portal, a run));
  ``evidence`` JSON always has ``agency``, ``region``, ``kind``, ``year`` where an agency is concerned, and the
  ``url`` and ``fetched_at`` of the page behind it plus the numbers or dates compared; ``opened_run_id``
  is the run that (re)opened it; ``alert_events`` is its history.
- ``nianbao.monitor.checks.CHECKS``: every archive-level check (code, severity, description).

Outputs, notifications and the scheduler (monitor/outputs, notify.py, scheduler.py):

- ``nianbao.monitor.outputs.alert_list.listed_alerts(db, statuses, base_url) -> list[dict]`` and
  ``write_alert_list(db, fmt, alerts, output, base_url, force=False, archive=None)`` (fmt csv, json, xlsx,
  html): what ``nianbao alerts`` writes; ``print_alert_table(alerts)`` for the terminal.
- ``nianbao.monitor.notify.notify_new_alerts(db, urls, base_url, monitor_run=None) -> NotifyResult``: the
  run's new alerts to apprise URLs, once per service (``notifications`` records each delivery; a service
  that failed gets what it missed with the next call).
- ``nianbao.monitor.scheduler.run_cycle(config_path, db_path, job_id)``: one crawl + monitor + notify cycle
  (a ``schedule`` run); ``nianbao schedule`` runs it on the calendar.
- Evidence pages under ``nianbao serve``: ``/-/evidence/alert/ID``, ``/-/evidence/report/ID`` and
  ``/-/evidence/report/ID/original`` (the plugin ``nianbao.monitor.outputs``).
"""
