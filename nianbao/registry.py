"""The agency registry (shared/spec/cli-and-registry.md): a TOML file naming the portals to crawl and the
agencies that must report. Loaded and validated here, for the crawler and the monitor alike; every
mistake is one line naming the file and the line (``registry.toml:12: agency 西夏区信访局: unknown kind 'bureau'``).

Tables: ``[[portal]]`` and ``[[agency]]`` (the spec's), ``[settings]`` (grace_days, contact, user_agent,
notify, evidence_url), ``[[deadline]]`` (per-region deadline overrides) and ``[monitor]``, the limits of the
checks that watch the system (stale_crawl_hours, season_months, silent_crawls, season_gap_days,
off_season_gap_days; README "The monitor" gives their defaults).

Example::

    registry = load_registry("registry.toml")
    registry.portal("银川市西夏区人民政府").start_urls
    [a.name for a in registry.agencies_of("银川市西夏区人民政府")]
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .db import transaction
from .db.agencies import name_key, register_agency

KINDS = ("government", "department")
TOP_LEVEL_KEYS = {"portal", "agency", "settings", "deadline", "monitor"}
PORTAL_KEYS = {"name", "start_urls", "region", "spider", "obey_robots", "delay", "concurrency"}
AGENCY_KEYS = {"name", "aliases", "kind", "region", "portal", "since", "until", "successor"}
SETTINGS_KEYS = {"grace_days", "contact", "user_agent", "notify", "evidence_url"}
DEADLINE_KEYS = {"region", "department", "government"}
# [monitor]: the limits of the checks that watch the system itself (defaults in nianbao.monitor.checks.system)
MONITOR_NUMBERS = {  # key -> (whole numbers only, least, most, what it counts)
    "stale_crawl_hours": (False, 0.1, 24 * 30, "hours"),
    "season_gap_days": (False, 0.1, 366, "days"),
    "off_season_gap_days": (False, 0.1, 366, "days"),
    "silent_crawls": (True, 1, 1000, "crawls"),
}
MONITOR_KEYS = {*MONITOR_NUMBERS, "season_months"}
MONTH_DAY = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


class RegistryError(ValueError):
    """A registry that cannot be used; the message is one line with the file and line number."""


@dataclass(frozen=True)
class Portal:
    name: str
    start_urls: tuple[str, ...]
    region: str | None = None
    spider: str = "generic"  # a site spider's name where the generic one cannot cope
    obey_robots: bool = True
    delay: float | None = None  # seconds between requests to its hosts; None: the crawler's default
    concurrency: int | None = None  # requests at once per host; None: the crawler's default
    line: int | None = None


@dataclass(frozen=True)
class Agency:
    name: str
    kind: str | None
    region: str | None
    portal: str | None
    since: int | None = None  # first report year expected
    until: int | None = None  # last report year expected (merged or abolished: 机构改革)
    successor: str | None = None
    aliases: tuple[str, ...] = ()
    line: int | None = None

    def expected_in(self, year: int) -> bool:
        """Whether a report on ``year`` is owed by this agency."""
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


@dataclass(frozen=True)
class DeadlineOverride:
    region: str  # applies to this region and every region under it (宁夏回族自治区/银川市 …)
    department: str | None = None  # MM-DD of the year after the report's
    government: str | None = None


@dataclass
class Registry:
    portals: list[Portal] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    grace_days: int = 0  # days added to every deadline (Spring Festival); off by default
    contact: str | None = None  # URL or mail put in the crawler's User-Agent
    user_agent: str | None = None
    notify: tuple[str, ...] = ()  # apprise URLs (mailto://, json://, dingtalk:// …) told of new alerts
    evidence_url: str | None = None  # where `nianbao serve` runs, for the links in notifications
    deadlines: list[DeadlineOverride] = field(default_factory=list)
    monitor: dict = field(default_factory=dict)  # [monitor] limits given (season_months as a set of months)
    path: Path | None = None

    def portal(self, name: str) -> Portal:
        return next(p for p in self.portals if p.name == name)

    def agencies_of(self, portal: str) -> list[Agency]:
        return [a for a in self.agencies if a.portal == portal]

    def region_of(self, portal: Portal) -> str | None:
        """The portal's own region, else the one region all its agencies share."""
        if portal.region:
            return portal.region
        regions = {a.region for a in self.agencies_of(portal.name)}
        return regions.pop() if len(regions) == 1 else None


def store_registry(db, registry: Registry, seen_at: str) -> dict[str, int]:
    """Write the registry's agencies into the archive (one transaction); their ids by name."""
    ids = {}
    with transaction(db):
        for agency in registry.agencies:
            ids[agency.name] = register_agency(
                db,
                agency.name,
                aliases=agency.aliases,
                seen_at=seen_at,
                kind=agency.kind,
                region=agency.region,
                portal=agency.portal,
                since=agency.since,
                until=agency.until,
                successor=agency.successor,
            )
    return ids


def load_registry(path: str | Path) -> Registry:
    """Read and validate a registry file; RegistryError (one line) on any mistake."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise RegistryError(f"{path}: cannot read the registry: {getattr(err, 'strerror', None) or err}") from None
    return parse_registry(text, path)


def parse_registry(text: str, path: Path | str = "registry.toml") -> Registry:
    path = Path(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RegistryError(f"{path}: not valid TOML: {err}") from None
    lines = _Lines(text, path)
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            line = lines.of_header(key) or lines.of_key(key)
            lines.fail(line, f"unknown table or key {key!r} (portal, agency, settings, deadline, monitor)")
    portals = [
        _portal(entry, lines.entry("portal", i), lines) for i, entry in enumerate(_tables(data, "portal", lines))
    ]
    agencies = [
        _agency(entry, lines.entry("agency", i), lines) for i, entry in enumerate(_tables(data, "agency", lines))
    ]
    settings = data.get("settings", {})
    if not isinstance(settings, dict):
        lines.fail(lines.of_key("settings"), "settings must be a table: [settings]")
    _known_keys(settings, SETTINGS_KEYS, lines.of_header("settings"), "settings", lines)
    grace = settings.get("grace_days", 0)
    if not isinstance(grace, int) or isinstance(grace, bool) or not 0 <= grace <= 60:
        lines.fail(lines.of_key("grace_days"), f"grace_days must be a number of days from 0 to 60, not {grace!r}")
    deadlines = [
        _deadline(entry, lines.entry("deadline", i), lines) for i, entry in enumerate(_tables(data, "deadline", lines))
    ]
    registry = Registry(
        portals=portals,
        agencies=agencies,
        grace_days=grace,
        contact=_optional_text(settings, "contact", lines.of_key("contact"), "settings", lines),
        user_agent=_optional_text(settings, "user_agent", lines.of_key("user_agent"), "settings", lines),
        notify=_notify_urls(settings, lines),
        evidence_url=_optional_text(settings, "evidence_url", lines.of_key("evidence_url"), "settings", lines),
        deadlines=deadlines,
        monitor=_monitor_limits(data.get("monitor", {}), lines),
        path=path,
    )
    _check_references(registry, lines)
    return registry


def _portal(entry: dict, line: int | None, lines: _Lines) -> Portal:
    name = _required_text(entry, "name", line, "portal", lines)
    where = f"portal {name}"
    _known_keys(entry, PORTAL_KEYS, line, where, lines)
    urls = entry.get("start_urls")
    if not isinstance(urls, list) or not urls or not all(isinstance(u, str) and u.strip() for u in urls):
        lines.fail(line, f"{where}: start_urls must be a list of one or more URLs")
    for url in urls:
        if not re.match(r"^https?://[^/\s]+", url):
            lines.fail(lines.of_value(url, line), f"{where}: {url!r} is not an http(s) URL")
    delay = entry.get("delay")
    if delay is not None and (not isinstance(delay, int | float) or isinstance(delay, bool) or delay < 0):
        lines.fail(lines.of_key("delay", line), f"{where}: delay must be seconds (a number ≥ 0)")
    concurrency = entry.get("concurrency")
    if concurrency is not None and (
        not isinstance(concurrency, int) or isinstance(concurrency, bool) or concurrency < 1
    ):
        lines.fail(lines.of_key("concurrency", line), f"{where}: concurrency must be a whole number ≥ 1")
    obey = entry.get("obey_robots", True)
    if not isinstance(obey, bool):
        lines.fail(lines.of_key("obey_robots", line), f"{where}: obey_robots must be true or false")
    return Portal(
        name=name,
        start_urls=tuple(u.strip() for u in urls),
        region=_optional_text(entry, "region", line, where, lines),
        spider=_optional_text(entry, "spider", line, where, lines) or "generic",
        obey_robots=obey,
        delay=float(delay) if delay is not None else None,
        concurrency=concurrency,
        line=line,
    )


def _agency(entry: dict, line: int | None, lines: _Lines) -> Agency:
    name = _required_text(entry, "name", line, "agency", lines)
    where = f"agency {name}"
    _known_keys(entry, AGENCY_KEYS, line, where, lines)
    kind = entry.get("kind")
    if kind is not None and kind not in KINDS:
        lines.fail(lines.of_key("kind", line), f"{where}: unknown kind {kind!r} (government or department)")
    aliases = entry.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        lines.fail(lines.of_key("aliases", line), f"{where}: aliases must be a list of names")
    years = {}
    for key in ("since", "until"):
        value = entry.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not 2000 <= value <= 2100):
            lines.fail(lines.of_key(key, line), f"{where}: {key} must be a year, not {value!r}")
        years[key] = value
    if years["since"] and years["until"] and years["until"] < years["since"]:
        lines.fail(lines.of_key("until", line), f"{where}: until ({years['until']}) is before since ({years['since']})")
    return Agency(
        name=name,
        kind=kind,
        region=_optional_text(entry, "region", line, where, lines),
        portal=_optional_text(entry, "portal", line, where, lines),
        since=years["since"],
        until=years["until"],
        successor=_optional_text(entry, "successor", line, where, lines),
        aliases=tuple(a.strip() for a in aliases),
        line=line,
    )


def _deadline(entry: dict, line: int | None, lines: _Lines) -> DeadlineOverride:
    region = _required_text(entry, "region", line, "deadline", lines)
    where = f"deadline for {region}"
    _known_keys(entry, DEADLINE_KEYS, line, where, lines)
    for key in ("department", "government"):
        value = entry.get(key)
        if value is not None and not (isinstance(value, str) and MONTH_DAY.match(value)):
            lines.fail(
                lines.of_key(key, line), f"{where}: {key} must be a date of the next year as MM-DD, not {value!r}"
            )
    return DeadlineOverride(region=region, department=entry.get("department"), government=entry.get("government"))


def _monitor_limits(table, lines: _Lines) -> dict:
    """The [monitor] limits given, validated; the ones left out keep the monitor's defaults."""
    header = lines.of_header("monitor")
    if not isinstance(table, dict):
        lines.fail(lines.of_key("monitor"), "monitor must be a table: [monitor]")
    _known_keys(table, MONITOR_KEYS, header, "monitor", lines)
    limits = {}
    for key, value in table.items():
        line = lines.of_key(key, header)
        if key == "season_months":
            try:
                limits[key] = months_of(str(value))  # "1-4", or a lone month written as a number
            except ValueError as err:
                lines.fail(line, f"monitor: {err}")
            continue
        whole, least, most, unit = MONITOR_NUMBERS[key]
        kinds = int if whole else int | float
        if isinstance(value, bool) or not isinstance(value, kinds) or not least <= value <= most:
            number = "a whole number" if whole else "a number"
            lines.fail(line, f"monitor: {key} must be {number} of {unit} from {least} to {most}, not {value!r}")
        limits[key] = value
    return limits


def months_of(text: str) -> set[int]:
    """``1-4`` or ``1-4,12``: months of the year (the deadline season's).

    >>> sorted(months_of("1-4,12"))
    [1, 2, 3, 4, 12]
    """
    months = set()
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        if not first.isdigit() or (last and not last.isdigit()):
            raise ValueError(f"season_months {text!r}: months as 1-4 or 1-4,12")
        months.update(range(int(first), int(last or first) + 1))
    if not months or not months <= set(range(1, 13)):
        raise ValueError(f"season_months {text!r}: months are 1 to 12")
    return months


def _notify_urls(settings: dict, lines: _Lines) -> tuple[str, ...]:
    urls = settings.get("notify", [])
    if isinstance(urls, str):
        urls = [urls]
    if not isinstance(urls, list) or not all(isinstance(u, str) and "://" in u for u in urls):
        lines.fail(
            lines.of_key("notify"), 'notify must be a list of notification URLs, e.g. ["mailto://…", "json://…"]'
        )
    return tuple(u.strip() for u in urls)


def _check_references(registry: Registry, lines: _Lines) -> None:
    names = [p.name for p in registry.portals]
    for portal in registry.portals:
        if names.count(portal.name) > 1:
            lines.fail(portal.line, f"portal {portal.name}: named twice")
    seen = {}
    for agency in registry.agencies:
        key = (name_key(agency.name), agency.region)
        if key in seen:
            lines.fail(
                agency.line, f"agency {agency.name}: listed twice in {agency.region or 'no region'} (line {seen[key]})"
            )
        seen[key] = agency.line
        if agency.portal is not None and agency.portal not in names:
            lines.fail(
                lines.of_key("portal", agency.line), f"agency {agency.name}: no [[portal]] is named {agency.portal!r}"
            )


def _tables(data: dict, key: str, lines: _Lines) -> list[dict]:
    entries = data.get(key, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        lines.fail(lines.of_key(key), f"{key} entries must be tables: [[{key}]]")
    return entries


def _known_keys(entry: dict, allowed: set, line: int | None, where: str, lines: _Lines) -> None:
    for key in entry:
        if key not in allowed:
            lines.fail(lines.of_key(key, line), f"{where}: unknown key {key!r} ({', '.join(sorted(allowed))})")


def _required_text(entry: dict, key: str, line: int | None, where: str, lines: _Lines) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        lines.fail(line, f"{where}: {key} is missing or empty")
    return value.strip()


def _optional_text(entry: dict, key: str, line: int | None, where: str, lines: _Lines) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        lines.fail(lines.of_key(key, line), f"{where}: {key} must be text")
    return value.strip()


class _Lines:
    """Line numbers for messages: tomllib gives none, so entries are found by their [[header]] lines
    (the i-th [[agency]] is the i-th such line) and keys by their first ``key =`` after that."""

    def __init__(self, text: str, path: Path):
        self.rows = text.splitlines()
        self.path = path

    def fail(self, line: int | None, message: str):
        where = f"{self.path.name}:{line}" if line else self.path.name
        raise RegistryError(f"{where}: {message}")

    def entry(self, table: str, index: int) -> int | None:
        headers = [n for n, row in enumerate(self.rows, 1) if re.match(rf"^\s*\[\[\s*{table}\s*\]\]", row)]
        return headers[index] if index < len(headers) else None

    def of_header(self, table: str) -> int | None:
        return next(
            (n for n, row in enumerate(self.rows, 1) if re.match(rf"^\s*\[\[?\s*{re.escape(table)}\s*\]", row)), None
        )

    def of_key(self, key: str, after: int | None = None) -> int | None:
        start = after or 1
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for n in range(start, len(self.rows) + 1):
            if n > start and after and re.match(r"^\s*\[", self.rows[n - 1]):
                break  # the next table begins: the key is not in this entry
            if pattern.match(self.rows[n - 1]):
                return n
        return after

    def of_value(self, value: str, after: int | None) -> int | None:
        for n in range(after or 1, len(self.rows) + 1):
            if value in self.rows[n - 1]:
                return n
        return after
