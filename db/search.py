"""Chinese full-text search over report titles and text.

Terms of three Han characters or more go to the trigram index (``reports_fts``); terms of one or two
characters, which trigram cannot match, and terms holding letters, digits or punctuation, which must
fold full-width and half-width forms, go to the per-character index (``reports_chars_fts``, NFKC) as a
phrase of adjacent characters. Every term must match; newest reports come first, so a term found in
every report still answers at once (FTS5 walks its rowids backwards and stops at the limit).

Example::

    search(db, "决算")[0]["snippet"]  # '…公开部门【决算】1 条…'
"""

from __future__ import annotations

import sqlite_utils

from . import ArchiveError
from .migrations import spaced_characters

SNIPPET_CONTEXT = 24  # characters on each side of the hit
MAX_TERMS = 50  # SQLite's expression tree gives out near a thousand; no person types fifty


def fts_phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def uses_trigram(term: str) -> bool:
    """Three Han characters or more go to the trigram index; shorter terms, and terms with letters, digits
    or punctuation (which reports print full-width or half-width: ２０２４, （七）), go to the per-character
    index, whose text is NFKC-folded like the query."""
    return len(term) >= 3 and all("\u4e00" <= c <= "\u9fff" for c in term)


def term_query(term: str) -> tuple[str, str]:
    """(SQL giving the matching rowids, its MATCH argument) for one term."""
    if uses_trigram(term):
        return "SELECT rowid FROM reports_fts WHERE reports_fts MATCH ?", fts_phrase(term)
    return "SELECT rowid FROM reports_chars_fts WHERE reports_chars_fts MATCH ?", fts_phrase(spaced_characters(term))


def search(db: sqlite_utils.Database, text: str, limit: int = 20) -> list[dict]:
    """Reports holding every whitespace-separated term of ``text``: id, agency, year, title, url, snippet.
    ArchiveError for more than MAX_TERMS terms."""
    terms = sorted(set(text.split()), key=len, reverse=True)  # the longest term drives: fewest rows
    if not terms:
        return []
    if len(terms) > MAX_TERMS:
        raise ArchiveError(f"{len(terms)} search terms: at most {MAX_TERMS}")
    driver_sql, driver_match = term_query(terms[0])
    index = "reports_fts" if uses_trigram(terms[0]) else "reports_chars_fts"
    filters, params = [], [driver_match]
    for term in terms[1:]:
        sql, match = term_query(term)
        filters.append(f"AND r.id IN ({sql})")
        params.append(match)
    for term in terms:  # the per-character index drops punctuation (信" would match any 信): the text decides
        filters.append(
            "AND instr(nianbao_fold(coalesce(r.title, '') || char(10) || coalesce(r.text, '')), nianbao_fold(?)) > 0"
        )
        params.append(term)
    rows = db.query(
        f"""
        SELECT r.id, a.name AS agency, r.year, r.version, r.title, r.url, r.text
        FROM {index} JOIN reports r ON r.id = {index}.rowid LEFT JOIN agencies a ON a.id = r.agency_id
        WHERE {index} MATCH ? {" ".join(filters)}
        ORDER BY {index}.rowid DESC LIMIT ?
        """,
        [*params, limit],
    )
    return [with_snippet(row, terms[0]) for row in rows]


def with_snippet(row: dict, term: str) -> dict:
    text = row.pop("text") or ""
    return {**row, "snippet": snippet(row["title"] or "", text, term)}


def snippet(title: str, text: str, term: str) -> str:
    """The first hit with some context, marked 【like this】 (the title when the hit is only there)."""
    for source in (text, title):
        at = source.lower().find(term.lower())
        if at >= 0:
            start, end = max(0, at - SNIPPET_CONTEXT), at + len(term)
            before = ("…" if start else "") + source[start:at]
            after = source[end : end + SNIPPET_CONTEXT] + ("…" if end + SNIPPET_CONTEXT < len(source) else "")
            return one_line(before + "【" + source[at:end] + "】" + after)
    return one_line(title or text[: 2 * SNIPPET_CONTEXT])


def one_line(text: str) -> str:
    return " ".join(text.split())
