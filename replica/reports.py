"""The replica's world: agencies, their report records (2019 template for 2019–2020, 2021 after) and the planted cases.

Numbers are seeded random but consistent: in every clean report table 3's 勾稽关系, row sums and outcome
sums hold, table 4's groups add up, ``carried_over`` of Y is ``carried_forward`` of Y−1, ``in_force``
chains with ``issued`` and ``repealed`` and, in the 2019 template, ``previous`` of Y is ``previous`` +
``change`` of Y−1. Planted cases break exactly what their name says (PLANTED).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from nianbao.parsing.template import APPEAL_GROUPS, OUTCOME_ROWS, REQUEST_COLUMNS

from .narrative import narrative

SEED = 20250131
YEARS = tuple(range(2019, 2026))
APPLICANTS = REQUEST_COLUMNS[:-1]  # the six applicant columns; "total" is their sum
OUTCOMES = tuple(row for row in OUTCOME_ROWS if row != "other_handling")  # the 2021 template's 21 rows
# How likely each outcome is for one request (granted most, then 本机关不掌握, 部分公开 …).
OUTCOME_WEIGHTS = (45, 10, 1, 1, 1, 3, 2, 3, 1, 2, 15, 3, 3, 4, 3, 1, 1, 1, 2, 0.5, 1.5)
APPEAL_RESULTS = ("upheld", "corrected", "other", "pending")

# Planted cases: the archive-level code (checks.md) or one-report finding code each one must raise.
PLANTED = {
    "late": "published after its deadline (31 Jan for departments, 31 Mar for governments)",
    "backdated": "listed only in state 2, claiming a publication date before the state-1 crawl",
    "revised": "its content changes in state 2 under the same URL",
    "duplicate": "a second, different report of the same agency and year",
    "carryover_mismatch": "carried_over differs from the previous year's carried_forward",
    "in_force_mismatch": "normative_documents.in_force does not chain with the previous year",
    "yoy_outlier": "requests received ten times the previous year's",
    "copied_text": "its text is another agency's report of the same year with names and numbers changed",
    "balance": "new_received raised in one column and its total: 勾稽关系 fails",
    "row_sum": "one request moved between two outcome rows in one column: those rows' totals no longer add up",
    "total_sum": "one outcome cell and its total raised: total_processed is no longer the sum of outcomes",
    "appeals_sum": "one 行政复议 result raised without its total",
    "narrative_mismatch": "the text states a number of requests received the table does not hold",
    "blank_cells": "the 不予公开 rows printed blank instead of 0",
    "image_only": "a scanned PDF: no text layer",
    "outdated_format": "a report on 2022 still printed in the 2019 template",
}
ONE_REPORT_CODES = (
    "balance",
    "row_sum",
    "total_sum",
    "appeals_sum",
    "narrative_mismatch",
    "blank_cells",
    "image_only",
    "outdated_format",
)


@dataclass(frozen=True)
class Agency:
    key: str
    name: str
    kind: str  # government | department
    portal: str  # portal key (sites.PORTALS)
    region: str
    topic: str  # which activity pool its narrative draws on (narrative.TOPICS)
    since: int = 2019
    until: int | None = None
    successor: str | None = None
    in_registry: bool = True

    @property
    def pronoun(self) -> str:
        if self.kind == "government":
            return "我区" if self.name.endswith("区人民政府") else ("我县" if "县" in self.name else "我市")
        return "我委" if self.name.endswith("委员会") else "我局"


LJ, DH, LN, QS = "江北省/临江市/临江区", "江北省/东湖市", "南岭省/岭南市", "江北省/东湖市/青石县"
AGENCIES = (
    Agency("lj-gov", "临江区人民政府", "government", "trs", LJ, "government"),
    Agency("lj-czj", "临江区财政局", "department", "trs", LJ, "finance"),
    Agency("lj-jyj", "临江区教育局", "department", "trs", LJ, "education"),
    Agency("lj-wjw", "临江区卫生健康委员会", "department", "trs", LJ, "health"),
    Agency("lj-dag", "临江区档案馆", "department", "trs", LJ, "archives", since=2024, in_registry=False),
    Agency("dh-gov", "东湖市人民政府", "government", "hanweb", DH, "government"),
    Agency("dh-fgw", "东湖市发展和改革委员会", "department", "hanweb", DH, "development"),
    Agency("dh-gaj", "东湖市公安局", "department", "hanweb", DH, "police"),
    Agency("dh-mzj", "东湖市民政局", "department", "hanweb", DH, "civil"),
    Agency("dh-rsj", "东湖市人力资源和社会保障局", "department", "hanweb", DH, "labour"),
    Agency("ln-gov", "岭南市人民政府", "government", "gkmlpt", LN, "government"),
    Agency("ln-jtj", "岭南市交通运输局", "department", "gkmlpt", LN, "transport"),
    Agency("ln-sthj", "岭南市生态环境局", "department", "gkmlpt", LN, "environment"),
    Agency("ln-zjj", "岭南市住房和城乡建设局", "department", "gkmlpt", LN, "housing"),
    Agency("ln-nyj", "岭南市农业农村局", "department", "gkmlpt", LN, "agriculture"),
    Agency("ln-swj", "岭南市水务局", "department", "gkmlpt", LN, "water", until=2023, successor="岭南市农业农村局"),
    Agency("qs-gov", "青石县人民政府", "government", "vsb", QS, "government"),
    Agency("qs-zrj", "青石县自然资源局", "department", "vsb", QS, "land"),
    Agency("qs-yjj", "青石县应急管理局", "department", "vsb", QS, "emergency"),
    Agency("qs-wlj", "青石县文化和旅游局", "department", "vsb", QS, "culture"),
    Agency("jc-gov", "金川区人民政府", "government", "jsl", "江北省/临江市/金川区", "government", since=2023),
    Agency("yq-gov", "玉泉区人民政府", "government", "waf", "江北省/临江市/玉泉区", "government", since=2023),
    Agency("sm-gov", "石门区人民政府", "government", "rs", "江北省/临江市/石门区", "government"),
    Agency("sm-sfj", "石门区司法局", "department", "rs", "江北省/临江市/石门区", "justice"),
    Agency("bs-gov", "白沙区人民政府", "government", "dead", "江北省/东湖市/白沙区", "government"),
)
UNREACHABLE_PORTALS = ("rs", "dead")

# (agency key, year) → planted cases; absent years below; formats other than the page's own HTML.
PLANTS = {
    ("lj-czj", 2023): ("late",),
    ("dh-gov", 2022): ("late",),
    ("dh-fgw", 2025): ("backdated",),
    ("lj-jyj", 2024): ("revised",),
    ("lj-wjw", 2022): ("duplicate",),
    ("ln-zjj", 2024): ("carryover_mismatch",),
    ("ln-nyj", 2023): ("in_force_mismatch",),
    ("dh-rsj", 2024): ("yoy_outlier",),
    ("ln-sthj", 2024): ("copied_text",),
    ("qs-zrj", 2023): ("balance",),
    ("qs-wlj", 2022): ("row_sum",),
    ("dh-gaj", 2023): ("total_sum",),
    ("lj-gov", 2022): ("appeals_sum",),
    ("ln-gov", 2023): ("narrative_mismatch",),
    ("qs-gov", 2021): ("blank_cells",),
    ("qs-yjj", 2022): ("image_only",),
    ("qs-zrj", 2022): ("outdated_format",),
}
MISSING = {("dh-mzj", 2023)}  # never published: the monitor must call it missing
COPIED_FROM = {("ln-sthj", 2024): "ln-jtj"}
FORMATS = {  # the file carrying the tables when it is not the article page itself
    ("lj-czj", 2021): "pdf",
    ("lj-czj", 2022): "pdf",
    ("dh-gaj", 2021): "pdf",
    ("dh-gaj", 2022): "pdf",
    ("dh-rsj", 2021): "pdf",
    ("ln-jtj", 2021): "pdf",
    ("ln-sthj", 2022): "docx",
    ("ln-zjj", 2021): "docx",
    ("ln-nyj", 2022): "pdf",
    ("ln-swj", 2022): "pdf",
    ("ln-gov", 2024): "two-files",  # the text as .docx, the tables as a .pdf 附件
    ("qs-zrj", 2021): "pdf",
    ("qs-wlj", 2021): "docx",
    ("qs-yjj", 2022): "scan-pdf",
}
# Reports of bodies outside the registry, listed in a column: behind robots.txt, or a dead soft-404 link.
EXTRA_REPORTS = {("lj-dag", 2024): "robots"}


@dataclass(eq=False)  # identity: rendered files are cached per report object
class Report:
    id: str
    agency: Agency
    year: int
    published: datetime
    record: dict  # active, requests, appeals: the cells as printed (None for a blank cell)
    text: dict  # section number (0 = preface) → paragraphs
    planted: tuple[str, ...] = ()
    format: str = "html"
    states: tuple[int, ...] = (1, 2)
    title_suffix: str = ""
    template: str = "2021"  # the national template its tables follow: "2021" or "2019"
    versions: dict = field(default_factory=dict)  # state → Report for a content that changes by state

    @property
    def title(self) -> str:
        return f"{self.agency.name}{self.year}年政府信息公开工作年度报告{self.title_suffix}"

    def in_state(self, state: int) -> Report:
        return self.versions.get(state, self)

    @property
    def findings(self) -> list[str]:
        """The one-report finding codes `nianbao check` must give (clean reports: none). Blank cells leave
        relations that cannot be judged: the info finding not_judged says which."""
        codes = [code for code in self.planted if code in ONE_REPORT_CODES]
        return codes + ["not_judged"] if "blank_cells" in codes else codes


@cache
def world(seed: int = SEED) -> tuple[Report, ...]:
    """Every report of every agency, in agency then year order (deterministic for a seed)."""
    reports = []
    for agency in AGENCIES:
        if agency.portal in UNREACHABLE_PORTALS:
            continue  # behind a wall that never opens: what they publish cannot matter
        rng = random.Random(f"{seed}/{agency.key}")
        profile = Profile.of(agency, rng)
        state = ChainState.start(agency, rng)
        for year in YEARS:
            if year < agency.since or (agency.until and year > agency.until):
                continue
            if agency.in_registry is False and (agency.key, year) not in EXTRA_REPORTS:
                continue
            plants = PLANTS.get((agency.key, year), ())
            template = "2019" if year <= 2020 or "outdated_format" in plants else "2021"
            record = year_record(profile, state, year, plants, rng, template)
            if (agency.key, year) in MISSING:
                continue
            report = Report(
                id=f"{agency.key}-{year}",
                agency=agency,
                year=year,
                published=publication_date(agency, year, plants, rng),
                record=record,
                text={},
                planted=plants,
                format=FORMATS.get((agency.key, year), "html"),
                states=(2,) if "backdated" in plants else (1, 2),
                template=template,
            )
            plant_inconsistency(report)
            source = COPIED_FROM.get((agency.key, year))
            text_key = (source or agency.key, year)
            report.text = narrative(report, seed=f"{seed}/{text_key}", topic_of=_agency(text_key[0]).topic)
            reports.append(report)
            reports.extend(variants(report, seed))
    return tuple(reports)


def _agency(key: str) -> Agency:
    return next(a for a in AGENCIES if a.key == key)


@dataclass
class Profile:
    """An agency's scale: typical yearly figures its reports vary around."""

    requests: dict  # applicant column → typical new requests a year
    licensing: int
    punishment: int
    coercion: int
    fees: float

    @classmethod
    def of(cls, agency: Agency, rng: random.Random) -> Profile:
        big = agency.kind == "government"
        return cls(
            requests={
                "natural_person": rng.randint(60, 160) if big else rng.randint(8, 45),
                "commercial": rng.randint(5, 20) if big else rng.randint(1, 8),
                "research": rng.randint(0, 2),
                "social_welfare": rng.randint(0, 2),
                "legal_services": rng.randint(1, 4),
                "other_org": rng.randint(0, 3),
            },
            licensing=rng.randint(200, 4000),
            punishment=rng.randint(20, 600),
            coercion=rng.randint(2, 40),
            fees=round(rng.uniform(5, 400), 2),
        )


@dataclass
class ChainState:
    """What one year hands the next: requests carried forward, documents in force and (2019 template) the
    item counts of table 2."""

    carried: dict
    regulations_in_force: int
    normative_in_force: int
    scale: float = 1.0  # the yoy outlier's jump stays for the following years
    items: dict = field(default_factory=dict)  # 行政许可 … 行政事业性收费: the next year's 上一年项目数量

    @classmethod
    def start(cls, agency: Agency, rng: random.Random) -> ChainState:
        big = agency.kind == "government"
        return cls(
            carried={c: (rng.randint(0, 4) if c == "natural_person" else rng.randint(0, 1)) for c in APPLICANTS},
            regulations_in_force=rng.randint(4, 12) if big else 0,
            normative_in_force=rng.randint(30, 80) if big else rng.randint(6, 25),
        )


def year_record(
    profile: Profile, state: ChainState, year: int, plants: tuple, rng: random.Random, template: str = "2021"
) -> dict:
    """One year's three tables, consistent with the previous year through ``state`` (updated)."""
    if "yoy_outlier" in plants:
        state.scale = 15.0
    carried_over = dict(state.carried)
    if "carryover_mismatch" in plants:
        carried_over["natural_person"] += 3
    new = {c: max(0, round(base * state.scale * rng.uniform(0.85, 1.15))) for c, base in profile.requests.items()}
    if "yoy_outlier" in plants:
        new["natural_person"] = max(new["natural_person"], 30)
    available = {c: new[c] + carried_over[c] for c in APPLICANTS}
    forward = {
        c: min(available[c], rng.randint(0, 3) if c == "natural_person" else rng.randint(0, 1)) for c in APPLICANTS
    }
    outcomes = {row: dict.fromkeys(APPLICANTS, 0) for row in OUTCOMES}
    for column in APPLICANTS:
        for row in rng.choices(OUTCOMES, OUTCOME_WEIGHTS, k=available[column] - forward[column]):
            outcomes[row][column] += 1
    requests = {"new_received": new, "carried_over": carried_over, **outcomes}
    requests["total_processed"] = {c: available[c] - forward[c] for c in APPLICANTS}
    requests["carried_forward"] = forward
    if template == "2019":  # 其他处理 is one row in the 2019 template
        merged = [requests.pop(row) for row in OUTCOMES[-3:]]
        requests = {**requests, "other_handling": {c: sum(m[c] for m in merged) for c in APPLICANTS}}
        requests["total_processed"] = requests.pop("total_processed")
        requests["carried_forward"] = requests.pop("carried_forward")
    for cells in requests.values():
        cells["total"] = sum(cells[c] for c in APPLICANTS)
    state.carried = dict(forward)
    active = active_table(profile, state, plants, rng)
    if template == "2019":
        active = active_table_2019(active, profile, state, rng)
    return {"active": active, "requests": requests, "appeals": appeals_table(rng)}


def active_table(profile: Profile, state: ChainState, plants: tuple, rng: random.Random) -> dict:
    regs_issued = rng.randint(0, 2) if state.regulations_in_force else 0
    regs_repealed = min(rng.randint(0, 1), state.regulations_in_force) if state.regulations_in_force else 0
    state.regulations_in_force += regs_issued - regs_repealed
    docs_issued = rng.randint(1, 9)
    docs_repealed = min(rng.randint(0, 3), state.normative_in_force)
    state.normative_in_force += docs_issued - docs_repealed
    if "in_force_mismatch" in plants:
        state.normative_in_force += 4  # counted again by someone: the next year chains from the printed figure
    vary = lambda base: round(base * rng.uniform(0.85, 1.15))
    return {
        "regulations": {"issued": regs_issued, "repealed": regs_repealed, "in_force": state.regulations_in_force},
        "normative_documents": {
            "issued": docs_issued,
            "repealed": docs_repealed,
            "in_force": state.normative_in_force,
        },
        "licensing": {"decisions": vary(profile.licensing)},
        "punishment": {"decisions": vary(profile.punishment)},
        "coercion": {"decisions": vary(profile.coercion)},
        "fees": {"amount": round(profile.fees * rng.uniform(0.85, 1.15), 2)},
    }


def active_table_2019(active: dict, profile: Profile, state: ChainState, rng: random.Random) -> dict:
    """The 2019 template's table 2: documents made, published and public in total; item counts of the
    previous year with their change (the next year's previous count); 政府集中采购."""
    documents = lambda row: {
        "made": active[row]["issued"],
        "published": active[row]["issued"],
        "total_public": active[row]["in_force"],
    }

    def items(row: str, first: tuple, changes: tuple) -> dict:
        previous = state.items[row] if row in state.items else rng.randint(*first)
        change = max(rng.randint(*changes), -previous)
        state.items[row] = previous + change
        return {"previous": previous, "change": change}

    return {
        "regulations": documents("regulations"),
        "normative_documents": documents("normative_documents"),
        "licensing": {**items("licensing", (8, 160), (-3, 4)), "decisions": active["licensing"]["decisions"]},
        "other_services": {
            **items("other_services", (8, 160), (-3, 4)),
            "decisions": round(profile.licensing * rng.uniform(0.1, 0.3)),
        },
        "punishment": {**items("punishment", (8, 160), (-3, 4)), "decisions": active["punishment"]["decisions"]},
        "coercion": {**items("coercion", (8, 160), (-3, 4)), "decisions": active["coercion"]["decisions"]},
        "fees": items("fees", (1, 12), (-1, 1)),
        "procurement": {"projects": rng.randint(2, 40), "amount": round(rng.uniform(20, 3000), 2)},
    }


def appeals_table(rng: random.Random) -> dict:
    appeals = {}
    for group, most in zip(APPEAL_GROUPS, (4, 2, 1)):
        cells = dict.fromkeys(APPEAL_RESULTS, 0)
        for result in rng.choices(APPEAL_RESULTS, (6, 1, 1, 1), k=rng.randint(0, most)):
            cells[result] += 1
        cells["total"] = sum(cells.values())
        appeals[group] = cells
    return appeals


def publication_date(agency: Agency, year: int, plants: tuple, rng: random.Random) -> datetime:
    """On time unless planted late: departments by 31 January, governments by 31 March."""
    if "late" in plants:
        month, day = (4, 20) if agency.kind == "government" else (3, 12)
    elif agency.kind == "government":
        month, day = rng.choice((1, 2, 3)), rng.randint(10, 28)
    else:
        month, day = 1, rng.randint(8, 30)
    return datetime(year + 1, month, day, rng.randint(8, 17), rng.choice((0, 12, 30, 45)), rng.randint(0, 59))


def plant_inconsistency(report: Report) -> None:
    """Break exactly the one-report relation the plant names, on the printed cells."""
    requests, appeals = report.record["requests"], report.record["appeals"]
    if "balance" in report.planted:
        requests["new_received"]["natural_person"] += 2
        requests["new_received"]["total"] += 2
    if "row_sum" in report.planted:
        source = next(r for r in OUTCOMES[1:] if requests[r]["natural_person"] > 0)
        requests[source]["natural_person"] -= 1
        requests["granted"]["natural_person"] += 1
    if "total_sum" in report.planted:
        requests["granted"]["natural_person"] += 1
        requests["granted"]["total"] += 1
    if "appeals_sum" in report.planted:
        appeals["review"]["upheld"] += 1
    if "blank_cells" in report.planted:
        for row in OUTCOMES[2:10]:
            requests[row] = {c: (None if v == 0 else v) for c, v in requests[row].items()}


def variants(report: Report, seed: int) -> list[Report]:
    """The duplicate's second report, and the revised report's state-2 content."""
    extra = []
    if "duplicate" in report.planted:
        second = _copy_with(report, licensing_delta=7, note="revision")
        second.id = f"{report.id}-b"
        second.title_suffix = "（更新版）"
        second.published = report.published.replace(day=min(report.published.day + 5, 28))
        second.text = narrative(second, seed=f"{seed}/{report.id}/b", topic_of=report.agency.topic)
        second.planted = ("duplicate",)
        extra.append(second)
    if "revised" in report.planted:
        revised = _copy_with(report, licensing_delta=-11, note="revision")
        revised.text = narrative(revised, seed=f"{seed}/{report.id}/r", topic_of=report.agency.topic)
        report.versions[2] = revised
    return extra


def _copy_with(report: Report, licensing_delta: int, note: str) -> Report:
    record = {table: {row: dict(cells) for row, cells in rows.items()} for table, rows in report.record.items()}
    record["active"]["licensing"]["decisions"] += licensing_delta
    return Report(
        id=report.id,
        agency=report.agency,
        year=report.year,
        published=report.published,
        record=record,
        text={},
        planted=report.planted,
        format=report.format,
        states=report.states,
        template=report.template,
    )
