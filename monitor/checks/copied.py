"""copied_text: a report whose prose is ≥ 90% the same as the same agency's previous report or another
agency's report of the same year (CASS 2017: 雷同 reports), found with MinHash/LSH (datasketch), never by
comparing every pair.

The prose is the report's text without its tables (tab-separated rows), short lines (headings, table
labels), the template's stock sentences, digits and punctuation: what is left is what an agency wrote.
Its 5-character shingles are hashed in numpy (a polynomial rolling hash) and fed to a datasketch MinHash;
the signature of each report version is computed once and kept in ``text_signatures``. LSH (threshold 0.9)
proposes candidates; only pairs the rule allows are kept, and each is confirmed by the exact Jaccard
similarity of the two shingle sets before it becomes evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from nianbao.db import monitor as reads

from . import check, finding

SHINGLE = 5
NUM_PERM = 128
SEED = 20240131
SCHEME = "affine32"  # datasketch 2: a bijective permutation, 32-bit hash values
THRESHOLD = 0.9
MIN_SHINGLES = 50  # too little prose to call anything copied
MIN_LINE = 20  # shorter lines are headings and table labels
MAX_MATCHES_SHOWN = 20
STOCK = re.compile(
    r"根据《中华人民共和国政府信息公开条例》|本报告所列数据|本报告.{0,12}(网站|网址|下载)|如对本报告有(任何)?疑问|勾稽关系"
)
NOT_PROSE = re.compile(r"[^\u3400-\u9fffA-Za-z]+")
BASE = np.uint64(1_000_003)
MASK = np.uint64(0xFFFFFFFF)


def prose(text: str) -> str:
    """The agency's own words: tables, headings, stock sentences, digits and punctuation removed."""
    lines = (line.strip() for line in (text or "").splitlines())
    kept = (line for line in lines if "\t" not in line and len(line) >= MIN_LINE and not STOCK.search(line))
    return NOT_PROSE.sub("", "".join(kept))


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 32-bit hashes of the prose's 5-character shingles."""
    points = np.frombuffer(prose(text).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(points) < SHINGLE:
        return np.empty(0, dtype=np.uint64)
    hashes = np.zeros(len(points) - SHINGLE + 1, dtype=np.uint64)
    for offset in range(SHINGLE):
        hashes = (hashes * BASE + points[offset : offset + len(hashes)]) & MASK
    return np.unique(hashes)


def signature(text: str) -> tuple[int, bytes]:
    """(distinct shingles, MinHash hash values as bytes) of a report's text."""
    hashes = shingle_hashes(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int, scheme=SCHEME)
    if len(hashes):
        minhash.update_batch(hashes.tolist())
    return len(hashes), minhash.hashvalues.astype("<u4").tobytes()


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    union = len(np.union1d(a, b))
    return len(np.intersect1d(a, b, assume_unique=True)) / union if union else 0.0


def sign_missing(db, report_ids: set[int]) -> None:
    """Sign the report versions named that have no signature yet (a new report costs one signature)."""
    have = set(reads.signed_report_ids(db))
    todo = sorted(report_ids - have)
    for start in range(0, len(todo), 2000):
        texts = reads.report_texts(db, todo[start : start + 2000])
        reads.store_signatures(db, [(rid, *signature(text)) for rid, text in texts.items()])


def allowed(a, b) -> bool:
    """The pairs checks.md compares: an agency's report and its previous year's, or two agencies' of a year."""
    if a.agency_id == b.agency_id:
        return abs(a.year - b.year) == 1
    return a.year == b.year


def candidate_pairs(reports: dict[int, object], stored: dict[int, tuple[int, bytes]]) -> set[tuple[int, int]]:
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sketches = {}
    for rid, (shingles, blob) in stored.items():
        if rid in reports and shingles >= MIN_SHINGLES:
            sketches[rid] = LeanMinHash(seed=SEED, hashvalues=np.frombuffer(blob, dtype="<u4"), scheme=SCHEME)
            lsh.insert(rid, sketches[rid], check_duplication=False)
    pairs = set()
    for rid, sketch in sketches.items():
        for other in lsh.query(sketch):
            if other != rid and allowed(reports[rid], reports[other]):
                pairs.add((min(rid, other), max(rid, other)))
    return pairs


@check("copied_text", "warning")
def copied_text(view, context):
    """The text, tables and boilerplate aside, is ≥ 90% the same as the same agency's previous report or another agency's report of the same year.

    The alert is about the later of the two (the copy); the earlier one is named in its evidence."""
    reports = {r.id: r for r in view.in_force.values()}
    sign_missing(view.db, set(reports))
    pairs = candidate_pairs(reports, reads.signatures(view.db, set(reports)))
    texts = reads.report_texts(view.db, {rid for pair in pairs for rid in pair})
    hashes = {rid: shingle_hashes(text) for rid, text in texts.items()}
    matches = defaultdict(list)
    for a, b in sorted(pairs):
        similarity = jaccard(hashes[a], hashes[b])
        if similarity >= THRESHOLD:
            original, copy = sorted((reports[a], reports[b]), key=published_order)
            matches[copy.id].append((original.id, similarity))
    for rid, found in sorted(matches.items()):
        report = reports[rid]
        found.sort(key=lambda item: (-item[1], item[0]))
        shown = [match_evidence(view, reports[other], similarity) for other, similarity in found[:MAX_MATCHES_SHOWN]]
        best = shown[0]
        yield finding(
            f"{view.agency(report.agency_id).get('name')}: {report.year}年度报告正文与"
            f"{best['agency']}{best['year']}年度报告{best['similarity']:.0%}相同"
            + (f"（另有{len(found) - 1}份相似）" if len(found) > 1 else ""),
            {
                **view.about(report.agency_id, report.year),
                "url": report.url,
                "fetched_at": report.last_seen,
                "shingles": int(len(hashes[rid])),
                "threshold": THRESHOLD,
                "similar_reports": len(found),
                "matches": shown,
            },
            agency_id=report.agency_id,
            year=report.year,
            report_id=rid,
        )


def published_order(report) -> tuple:
    """Which of two alike reports came first: the earlier year, then the earlier printed date (else the first
    crawl that saw it). The later one is the copy; the alert is about it, the first is its evidence."""
    return (report.year, report.published_at or report.first_seen[:10], report.first_seen, report.id)


def match_evidence(view, other, similarity: float) -> dict:
    return {
        "report_id": other.id,
        "agency": view.agency(other.agency_id).get("name"),
        "region": view.agency(other.agency_id).get("region"),
        "year": other.year,
        "url": other.url,
        "fetched_at": other.last_seen,
        "similarity": round(similarity, 3),
    }
