"""copied_text: datasketch's MinHash/LSH finds planted near-copies among many distinct reports, and only
between the pairs checks.md compares (an agency's previous year; another agency's same year)."""

import random
import re

from nianbao.monitor.checks.copied import prose, shingle_hashes, signature

AGENCIES = [
    f"{district}{department}"
    for district in ("西夏区", "兴庆区", "金凤区", "永宁县", "贺兰县")
    for department in ("财政局", "教育局", "民政局", "司法局", "审计局", "统计局", "水务局", "商务局")
]
HOST = "http://127.0.0.1:8750"
CLAUSE = re.compile(r"[^，。；：、\n\t\d]{6,}")


def clause_pool(kit) -> list[str]:
    text = "".join(kit.variant(name).decode() for name in ("000", "001", "003", "004"))
    return sorted(set(CLAUSE.findall(text)))


def report_text(kit, agency: str, year: int, paragraphs: list[str]) -> bytes:
    """Seed 000's headings and tables with the agency's own prose in place of the seed's."""
    lines, prose_lines = [], iter(paragraphs)
    for line in kit.variant("000", agency=agency, year=year).decode().split("\n"):
        if "\t" not in line and len(line.strip()) >= 20 and "年度报告" not in line:
            line = next(prose_lines, "")
        lines.append(line)
    return "\n".join(lines).encode()


def paragraphs(pool, rng) -> list[str]:
    return ["，".join(rng.sample(pool, 12)) + "。" for _ in range(3)]


def test_prose_leaves_out_tables_headings_and_digits(kit):
    text = kit.variant("000").decode()
    kept = prose(text)
    assert "本年新收" not in kept and "二、主动公开" not in kept and not re.search(r"\d", kept)
    assert "完善局党组班子成员及干部职工分工" in kept
    assert len(shingle_hashes(text)) > 100 and signature(text)[0] == len(shingle_hashes(text))


def test_planted_near_copies_are_found_among_many_distinct_reports(db, kit):
    rng = random.Random(7)
    pool = clause_pool(kit)
    prose_of = [paragraphs(pool, rng) for _ in AGENCIES]
    original = prose_of[0]
    for n, words in enumerate(prose_of):
        kit.archive_report(
            db,
            report_text(kit, AGENCIES[n], 2024, words),
            f"{HOST}/{n}.html",
            "2025-01-20T01:00:00Z",
        )
    # another agency, same year: one clause changed
    near = [original[0].replace(original[0].split("，")[3], "认真落实上级部署"), *original[1:]]
    kit.archive_report(
        db, report_text(kit, "西夏区农业农村局", 2024, near), f"{HOST}/copy.html", "2025-01-21T01:00:00Z"
    )
    # the same agency's previous year, copied whole (its own prose of 2024 printed as 2023's)
    kit.archive_report(
        db, report_text(kit, AGENCIES[5], 2023, prose_of[5]), f"{HOST}/5-2023.html", "2024-01-21T01:00:00Z"
    )
    # the same prose two years apart is not a pair the rule compares
    kit.archive_report(
        db, report_text(kit, AGENCIES[9], 2022, prose_of[9]), f"{HOST}/9-2022.html", "2023-01-21T01:00:00Z"
    )

    result = kit.monitor(db, "2025-02-01", kit.registry())
    found = {(f.evidence["agency"], f.year): f for f in result.findings if f.code == "copied_text"}
    # each alert is about the copy, the later of the two; the original is its evidence
    assert set(found) == {("西夏区农业农村局", 2024), (AGENCIES[5], 2024)}
    match = found[("西夏区农业农村局", 2024)].evidence["matches"][0]
    assert match["agency"] == AGENCIES[0] and 0.9 <= match["similarity"] < 1
    assert found[(AGENCIES[5], 2024)].evidence["matches"][0]["year"] == 2023
    assert db.execute("SELECT count(*) FROM text_signatures").fetchone()[0] == len(AGENCIES) + 3
