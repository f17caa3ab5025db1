"""Text against table: figures the narrative states (申请 received and answered, 行政复议 and
行政诉讼 cases, regulations and normative documents issued) must be ones the tables hold."""

from __future__ import annotations

import re

from nianbao.parsing.values import normalize

from .facts import Facts
from .finding import check, failure

CLAUSE = r"[^。；;，,：:、]"
COUNT = r"(?P<n>\d+)(件|次|起|宗)"
# Each claim: what it is, a pattern whose group "n" is the stated number, and the table figures it
# may equal (a report may count received requests with or without those carried over).
CLAIMS = (
    (
        "requests received",
        re.compile(rf"(收到|受理|新收|接收|接到){CLAUSE}{{0,14}}?(申请|依申请){CLAUSE}{{0,10}}?{COUNT}"),
        lambda t: [
            t.get("requests.new_received.total"),
            _add(t.get("requests.new_received.total"), t.get("requests.carried_over.total")),
        ],
    ),
    (
        "requests answered",
        re.compile(rf"(答复|办结|回复){CLAUSE}{{0,12}}?{COUNT}"),
        lambda t: [
            t.get("requests.total_processed.total"),
            _add(t.get("requests.total_processed.total"), t.get("requests.carried_forward.total")),
        ],
    ),
    (
        "administrative reviews",
        re.compile(rf"行政复议{CLAUSE}{{0,6}}?{COUNT}"),
        lambda t: [t.get("appeals.review.total")],
    ),
    (
        "lawsuits",
        re.compile(rf"行政诉讼{CLAUSE}{{0,6}}?{COUNT}"),
        lambda t: [_add(t.get("appeals.litigation_direct.total"), t.get("appeals.litigation_after_review.total"))],
    ),
    (
        "regulations issued",
        re.compile(rf"(制发|公开|发布|出台){CLAUSE}{{0,6}}?规章(?P<n>\d+)件"),
        lambda t: [
            t.get("active.regulations.issued"),
            t.get("active.regulations.made"),
            t.get("active.regulations.published"),
            t.get("active.regulations.in_force"),
        ],
    ),
    (
        "normative documents issued",
        re.compile(rf"(制发|公开|发布|出台){CLAUSE}{{0,6}}?(行政)?规范性文件(?P<n>\d+)件"),
        lambda t: [
            t.get("active.normative_documents.issued"),
            t.get("active.normative_documents.made"),
            t.get("active.normative_documents.published"),
            t.get("active.normative_documents.in_force"),
        ],
    ),
)
TOPICS = re.compile(r"申请|复议|诉讼|规章|规范性文件")
DIGIT = re.compile(r"\d")
# Words that make a figure part of a total, a comparison or a time limit rather than the total:
# 收到自然人申请20件, 通过网络受理申请15件, 同比减少3件, 复议决定维持1件, 一审3件, 收到后5个工作日内.
QUALIFIERS = re.compile(
    r"自然人|法人|组织|企业|网络|网上|信函|当面|现场|传真|邮寄|邮件|其中|通过|同比|较上年|"
    r"增长|减少|增加|下降|维持|纠正|审结|撤销|确认|驳回|一审|二审|工作日|日内|之后"
)
# Before 答复/办结: one outcome's count (同意公开答复9件), not all requests answered.
OUTCOME_WORDS = re.compile(r"公开|不予|无法|处理|转")
CLAUSE_END = re.compile(r"[，,。；;：:、]")
YEAR = re.compile(r"((?:19|20)\d{2})年")
# A sentence: up to and with its 。；; (re.split at a look-behind tries it at every character, several times slower)
SENTENCE = re.compile(r"[^。；;]*[。；;]|[^。；;]+")
NONE_RECEIVED = re.compile(r"未(收到|受理|接到)(任何)?(政府信息公开|依申请公开)?申请(?!人)")


def _add(a, b):
    return None if a is None or b is None else a + b


@check(code="narrative_mismatch", severity="warning")
def narrative_mismatch(record: dict, facts: Facts) -> tuple[str, dict] | None:
    """Every figure the narrative states matches one the tables hold (those it can be compared with)."""
    table = facts.cells
    claims = [
        (what, pattern, allowed)
        for what, pattern, figures in CLAIMS
        if (allowed := [f for f in figures(table) if f is not None])
    ]
    mismatches = []
    for sentence in narrative_sentences(record.get("text") or ""):
        mismatches.extend(sentence_mismatches(sentence, claims, table, record.get("year")))
    if not mismatches:
        return None
    where = "; ".join(
        f"the text says {m['what']} {m['stated']} (“{m['sentence'][:60]}”), the table has {m['table']}"
        for m in mismatches
    )
    return failure(where, mismatches=mismatches)


def narrative_sentences(text: str) -> list[str]:
    """Sentences of the narrative that state a count: text lines only (table rows are tab-joined
    and skipped), and only sentences holding 申请, 复议, 诉讼 or 文件 at all."""
    sentences = []
    for line in text.split("\n"):
        if "\t" in line or not TOPICS.search(line) or not (DIGIT.search(line) or NONE_RECEIVED.search(line)):
            continue
        sentences += SENTENCE.findall(normalize(line))
    return sentences


def sentence_mismatches(sentence: str, claims: list, table: dict, year: int | None) -> list[dict]:
    found = []
    for what, pattern, allowed in claims:
        for match in pattern.finditer(sentence):
            if not states_a_total(sentence, match, what, year):
                continue
            stated = int(match.group("n"))
            if stated not in allowed:
                found.append({"what": what, "stated": stated, "table": allowed[0], "sentence": sentence})
    if NONE_RECEIVED.search(sentence) and (table.get("requests.new_received.total") or 0) > 0:
        found.append(
            {
                "what": "requests received",
                "stated": 0,
                "table": table["requests.new_received.total"],
                "sentence": sentence,
            }
        )
    return found


def states_a_total(sentence: str, match: re.Match, what: str, year: int | None) -> bool:
    """The figure is the year's total the table holds, not a part, a comparison, a time limit or
    another year's count."""
    starts = [m.end() for m in CLAUSE_END.finditer(sentence, 0, match.start())]
    clause = sentence[starts[-1] if starts else 0 : match.start("n")]
    if QUALIFIERS.search(clause):
        return False
    if what == "requests answered" and OUTCOME_WORDS.search(sentence[starts[-1] if starts else 0 : match.start()]):
        return False
    return not any(int(y) != year for y in YEAR.findall(clause)) if year else True
