"""The archive's schema, as a list of migrations applied in order (shared/spec/archive.md).

Each migration is a small function, run in its own transaction and recorded in ``_sqlite_migrations``
(sqlite-utils); ``PRAGMA user_version`` then holds how many have been applied, so any SQLite client can
tell a file's schema version. Released migrations are never edited: a change is a new function at the end.
An old file is upgraded in place by :func:`apply_migrations`, never dropped.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

import sqlite_utils
from sqlite_utils.migrations import Migrations

migrations = Migrations("nianbao")

NON_SPACE = re.compile(r"\S")


def spaced_characters(text: str | None) -> str:
    """Every non-space character as its own token: what the one- and two-character index is built from.

    >>> spaced_characters("决算 2024")
    '决 算 2 0 2 4'
    """
    return " ".join(NON_SPACE.findall(unicodedata.normalize("NFKC", text or "")))


def folded(text: str | None) -> str:
    """Full-width and half-width forms alike, lower case: how a query and a text are compared.

    >>> folded("２０２４年ＰＤＦ")
    '2024年pdf'
    """
    return unicodedata.normalize("NFKC", text or "").lower()


def register_functions(db: sqlite_utils.Database) -> None:
    """SQL functions the triggers and searches need; every connection of open_db registers them."""
    db.conn.create_function("nianbao_chars", 1, spaced_characters, deterministic=True)
    db.conn.create_function("nianbao_fold", 1, folded, deterministic=True)


def apply_migrations(db: sqlite_utils.Database, stop_before: str | None = None) -> None:
    """Bring the file's schema up to date (or up to ``stop_before``, for tests of old versions)."""
    migrations.apply(db, stop_before=stop_before)
    version = len(migrations.applied(db))
    if db.execute("PRAGMA user_version").fetchone()[0] != version:
        db.execute(f"PRAGMA user_version = {version}")


def run_script(db: sqlite_utils.Database, script: str) -> None:
    """Execute statement by statement: executescript() would commit the migration's transaction."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        db.execute(statement)


def schema_version(db: sqlite_utils.Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def latest_version() -> int:
    """The schema version this nianbao makes: how many migrations it knows."""
    return len(migrations._migrations)


@migrations()
def create_archive_tables(db: sqlite_utils.Database) -> None:
    """Version 1: the tables of archive.md."""
    run_script(db, ARCHIVE_TABLES)


@migrations()
def add_full_text_search(db: sqlite_utils.Database) -> None:
    """Version 2: Chinese full-text search over report titles and text.

    ``reports_fts`` (trigram, external content) answers queries of three characters or more and is the
    index Datasette's ``?_search=`` finds. Trigram cannot match one or two characters, so
    ``reports_chars_fts`` indexes every character as a token (contentless, to keep the file small): a
    two-character query is then a phrase of two adjacent tokens.
    """
    run_script(db, FULL_TEXT_SEARCH)
    db.execute("INSERT INTO reports_fts(reports_fts) VALUES ('rebuild')")
    db.execute(
        "INSERT INTO reports_chars_fts(rowid, title, text) "
        "SELECT id, nianbao_chars(title), nianbao_chars(text) FROM reports"
    )


ARCHIVE_TABLES = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,              -- ingest, reparse, crawl, monitor, …
    started_at TEXT NOT NULL,        -- UTC ISO 8601
    finished_at TEXT,
    outcome TEXT,                    -- ok, failed, interrupted; null while running (or killed)
    counters TEXT,                   -- JSON
    options TEXT                     -- JSON: what the run was asked to do
);
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT CHECK (kind IN ('government', 'department')),
    region TEXT,                     -- 宁夏回族自治区/银川市/西夏区
    portal TEXT,
    since INTEGER,
    until INTEGER,
    successor TEXT,
    in_registry INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT NOT NULL
);
CREATE TABLE agency_names (
    agency_id INTEGER NOT NULL REFERENCES agencies(id),
    name TEXT NOT NULL,              -- as printed: the name or an alias
    name_key TEXT NOT NULL,          -- spaces dropped, full-width forms folded: what matching compares
    PRIMARY KEY (agency_id, name_key)
);
CREATE INDEX agency_names_by_key ON agency_names(name_key);
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,           -- of the raw bytes
    compression TEXT NOT NULL,       -- zlib
    content BLOB NOT NULL
);
CREATE TABLE fetches (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    fetched_at TEXT NOT NULL,        -- UTC ISO 8601
    status INTEGER,                  -- HTTP status, null for a local file or a failure before one
    outcome TEXT NOT NULL,           -- ok, unreadable, not_modified, not_found, soft_404, blocked, …
    reason TEXT,                     -- one line: why it failed or could not be read as a report
    content_type TEXT,
    sha256 TEXT,                     -- of the raw bytes, null on failure
    size INTEGER,
    etag TEXT,
    last_modified TEXT,
    run_id INTEGER REFERENCES runs(id),
    agency_id INTEGER REFERENCES agencies(id),
    report_id INTEGER REFERENCES reports(id)
);
CREATE INDEX fetches_by_url ON fetches(url);
CREATE INDEX fetches_by_sha256 ON fetches(sha256);
CREATE INDEX fetches_by_report ON fetches(report_id);
CREATE INDEX fetches_by_run ON fetches(run_id);
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER REFERENCES agencies(id),
    year INTEGER,
    title TEXT,
    url TEXT NOT NULL,
    format TEXT,
    published_at TEXT,
    first_seen TEXT NOT NULL,        -- fetched_at of the first fetch that saw this version
    last_seen TEXT NOT NULL,
    first_fetch_id INTEGER REFERENCES fetches(id),
    last_fetch_id INTEGER REFERENCES fetches(id),
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    content_hash TEXT NOT NULL,      -- of text and cells: what makes a new version, page chrome aside
    version INTEGER NOT NULL,        -- 1, 2, … per agency, year and url
    record TEXT NOT NULL,            -- JSON, as the parser gave it (corrections live in cells)
    text TEXT,
    parsed_at TEXT NOT NULL,
    UNIQUE (agency_id, year, url, version)
);
CREATE INDEX reports_by_agency_year ON reports(agency_id, year);
CREATE INDEX reports_by_sha256 ON reports(sha256);
CREATE INDEX reports_by_content ON reports(agency_id, year, content_hash);
CREATE INDEX reports_by_url ON reports(url);
CREATE TABLE cells (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    key TEXT NOT NULL,               -- requests.new_received.total
    value NUMERIC,                   -- the value in force: a correction's, else the parser's
    parsed NUMERIC,                  -- what the parser read
    corrected INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, key)
) WITHOUT ROWID;
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    key TEXT NOT NULL,
    value NUMERIC,
    note TEXT NOT NULL,
    made_at TEXT NOT NULL,
    made_by TEXT
);
CREATE INDEX corrections_by_report ON corrections(report_id, key);
CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT,
    report_id INTEGER REFERENCES reports(id),
    agency_id INTEGER REFERENCES agencies(id),
    year INTEGER,
    evidence TEXT,                   -- JSON
    scope TEXT NOT NULL DEFAULT 'report',  -- report: one-report checks (redone by reparse); archive: monitor
    run_id INTEGER REFERENCES runs(id),
    found_at TEXT NOT NULL
);
CREATE INDEX findings_by_report ON findings(report_id);
CREATE INDEX findings_by_code ON findings(code);
CREATE INDEX findings_by_agency_year ON findings(agency_id, year);
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT,
    agency_id INTEGER REFERENCES agencies(id),
    year INTEGER,
    report_id INTEGER REFERENCES reports(id),
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'acknowledged', 'dismissed', 'resolved')),
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    resolved_at TEXT,
    note TEXT,                       -- a person's: why acknowledged or dismissed
    evidence TEXT,                   -- JSON
    evidence_hash TEXT,              -- an acknowledged alert speaks again when this changes
    fingerprint TEXT UNIQUE          -- code + agency + year (+ report): one alert per thing to look at
);
CREATE INDEX alerts_by_status ON alerts(status);
CREATE TABLE listings (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES runs(id),
    list_url TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT,
    listed_date TEXT,
    seen_at TEXT NOT NULL,
    agency_id INTEGER REFERENCES agencies(id)
);
CREATE INDEX listings_by_url ON listings(url);
CREATE INDEX listings_by_list ON listings(list_url, seen_at)
"""

FULL_TEXT_SEARCH = """
CREATE VIRTUAL TABLE reports_fts USING fts5(
    title, text, content='reports', content_rowid='id', tokenize='trigram'
);
CREATE VIRTUAL TABLE reports_chars_fts USING fts5(title, text, content='', tokenize='unicode61');
CREATE TRIGGER reports_ai AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    INSERT INTO reports_chars_fts(rowid, title, text)
        VALUES (new.id, nianbao_chars(new.title), nianbao_chars(new.text));
END;
CREATE TRIGGER reports_ad AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO reports_chars_fts(reports_chars_fts, rowid, title, text)
        VALUES ('delete', old.id, nianbao_chars(old.title), nianbao_chars(old.text));
END;
CREATE TRIGGER reports_au AFTER UPDATE OF title, text ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    INSERT INTO reports_chars_fts(reports_chars_fts, rowid, title, text)
        VALUES ('delete', old.id, nianbao_chars(old.title), nianbao_chars(old.text));
    INSERT INTO reports_chars_fts(rowid, title, text)
        VALUES (new.id, nianbao_chars(new.title), nianbao_chars(new.text));
END
"""


@migrations()
def add_overview_views(db: sqlite_utils.Database) -> None:
    """Version 3: reports and findings with their agency's name, region and kind beside them, so
    Datasette can facet them by region, agency kind, year and finding code."""
    run_script(db, OVERVIEW_VIEWS)


OVERVIEW_VIEWS = """
CREATE VIEW report_list AS
SELECT r.id AS report_id, a.name AS agency, a.region, a.kind, r.year, r.version, r.title, r.format,
       r.published_at, r.first_seen, r.last_seen, r.url, r.agency_id,
       (SELECT group_concat(code, ' ') FROM findings f WHERE f.report_id = r.id) AS findings
FROM reports r LEFT JOIN agencies a ON a.id = r.agency_id;
CREATE VIEW finding_list AS
SELECT f.id AS finding_id, f.code, f.severity, a.name AS agency, a.region, a.kind, f.year, f.message,
       f.evidence, f.report_id, r.url, f.scope, f.found_at, f.agency_id
FROM findings f LEFT JOIN agencies a ON a.id = f.agency_id LEFT JOIN reports r ON r.id = f.report_id
"""


@migrations()
def add_fetch_file_names(db: sqlite_utils.Database) -> None:
    """Version 4: the file name a fetch's bytes were parsed under (a local file's name, a download's
    name), so reparse reads them as ingest did and not by the URL's last segment."""
    db["fetches"].add_column("file_name", str)


@migrations()
def add_crawl_columns(db: sqlite_utils.Database) -> None:
    """Version 5: what the crawler records. Each fetch names its portal and its role (``list``, ``article``,
    ``attachment``, ``robots``, ``file`` for a local file) and the page that led to it; listings name
    their portal; ``report_fetches`` links a report to every fetch behind it (an attachment-only report:
    the article page that gives its title and date, and the attachment that gives its tables)."""
    run_script(db, CRAWL_COLUMNS)


CRAWL_COLUMNS = """
ALTER TABLE fetches ADD COLUMN portal TEXT;
ALTER TABLE fetches ADD COLUMN role TEXT;
ALTER TABLE fetches ADD COLUMN referer TEXT;
CREATE INDEX fetches_by_portal ON fetches(portal, run_id);
ALTER TABLE listings ADD COLUMN portal TEXT;
CREATE INDEX listings_by_run ON listings(run_id, portal);
CREATE TABLE report_fetches (
    report_id INTEGER NOT NULL REFERENCES reports(id),
    fetch_id INTEGER NOT NULL REFERENCES fetches(id),
    role TEXT NOT NULL,              -- article, attachment, file
    PRIMARY KEY (report_id, fetch_id)
) WITHOUT ROWID
"""


@migrations()
def add_fetch_file_name_bytes(db: sqlite_utils.Database) -> None:
    """Version 6: the raw bytes of a file name that is not UTF-8 (GBK names from a Chinese Windows zip, a
    ``Content-Disposition`` in GBK), kept beside ``file_name``, which holds the name decoded (GB18030)."""
    db["fetches"].add_column("file_name_bytes", bytes)


@migrations()
def add_monitor_tables(db: sqlite_utils.Database) -> None:
    """Version 7: what the monitor keeps between runs. The registry's deadline overrides and grace, so the
    monitor and the archive's readers (the canned 迟报 query) judge deadlines by one rule set; when each
    alert was last (re)opened and by which run, so "new since the last run" is a query; each alert's
    history of state changes; and each report version's MinHash signature, computed once."""
    run_script(db, MONITOR_TABLES)


MONITOR_TABLES = """
CREATE TABLE deadline_rules (
    region TEXT PRIMARY KEY,         -- applies to this region and every region under it
    department TEXT,                 -- MM-DD of the year after the report's, null: the statute's
    government TEXT
);
CREATE TABLE monitor_settings (
    key TEXT PRIMARY KEY,            -- grace_days, …
    value TEXT
);
ALTER TABLE alerts ADD COLUMN opened_at TEXT;
ALTER TABLE alerts ADD COLUMN opened_run_id INTEGER REFERENCES runs(id);
ALTER TABLE alerts ADD COLUMN last_run_id INTEGER REFERENCES runs(id);
ALTER TABLE alerts ADD COLUMN subject TEXT;  -- what the alert is about when no agency is (a portal, a run)
CREATE INDEX alerts_by_opened_run ON alerts(opened_run_id);
CREATE TABLE alert_events (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    run_id INTEGER REFERENCES runs(id),
    at TEXT NOT NULL,
    event TEXT NOT NULL,             -- opened, reopened, evidence_changed, resolved, acknowledged, dismissed
    note TEXT,
    evidence_hash TEXT
);
CREATE INDEX alert_events_by_alert ON alert_events(alert_id);
CREATE TABLE text_signatures (
    report_id INTEGER PRIMARY KEY REFERENCES reports(id),
    shingles INTEGER NOT NULL,       -- distinct shingles of the text, tables and boilerplate aside
    minhash BLOB NOT NULL            -- datasketch MinHash hash values (scheme affine32), uint32 little-endian
)
"""


@migrations()
def add_notifications(db: sqlite_utils.Database) -> None:
    """Version 8: which notification service got which monitor run's new alerts, so a sending that failed
    for one service is retried to that service alone, never again to the ones that got it."""
    run_script(db, NOTIFICATIONS)


NOTIFICATIONS = """
CREATE TABLE notifications (
    monitor_run_id INTEGER NOT NULL REFERENCES runs(id),  -- the run whose new alerts these are
    service TEXT NOT NULL,           -- scrypt hash of the apprise URL (the URL itself holds tokens, passwords)
    label TEXT NOT NULL,             -- the URL redacted: mail or webhook server, else only the scheme
    run_id INTEGER REFERENCES runs(id),  -- the notify run of the latest attempt
    attempted_at TEXT NOT NULL,
    sent_at TEXT,                    -- null: not delivered yet, the next notify tries this service again
    PRIMARY KEY (monitor_run_id, service)
) WITHOUT ROWID;
CREATE INDEX notifications_owed ON notifications(service) WHERE sent_at IS NULL
"""
