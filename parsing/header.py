"""What a report says about itself: title, agency, year, publication date, statistical period."""

from __future__ import annotations

import re

from .dates import CN_NUMBER, cn_to_int, find_dates, first_date, to_iso
from .values import normalize

TITLE_WORDS = re.compile(r"(政府信息公开|政务公开|信息公开).{0,6}(年度报告|年报|工作报告)")
TITLE_YEAR = re.compile(rf"((?:19|20)\d{{2}}|{CN_NUMBER}{{4}})\s*年度?")
AGENCY_NOISE = re.compile(r"^[《〈“\"【\[]+|[》〉”\"】\]]+$|关于$|的$")
# A visible publication date: 发布时间：… (not 采集时间, 成文日期, 统计时间, 截止时间 and the like).
DATE_LINE = re.compile(r"(?<![采集成文更新修改生效印制计止])(发布时间|发布日期|公开日期|发文日期|日期|时间)\s*[:：]")
PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*[年.]\s*(\d{1,2})\s*[月.]\s*(\d{1,2})\s*日?\s*(?:起)?\s*(?:至|到|—|－|-|~|～)+\s*"
    r"(?:((?:19|20)\d{2})\s*[年.]\s*)?(\d{1,2})\s*[月.]\s*(\d{1,2})(?!\d)"
)
PERIOD_CUE = re.compile(r"(数据|统计|期限|时限|时间段|期间)")
TITLE_SEARCH_BLOCKS = 30
SIGNATURE_END = re.compile(r"(日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$")  # the date closes the signature line
SIGNATURE_NOISE = re.compile(r"[:：。，,；;]|前|将|于")  # a labelled date or a sentence, not a signature
TITLE_LABEL = re.compile(r"^(标题|文章标题|题目|名称)[:：]")
LISTED = re.compile(r"(年度报告|年报)\)?(?:19|20)\d{2}[-/.年]\d{1,2}")  # a list entry: title, then its date
BREADCRUMB = re.compile(r"[>＞»›]|^(首页|当前位置|您的位置|您现在的位置)")
# 西夏区人民政府办公室关于印发西夏区2024年…年度报告的通知: the report is the one named after 印发.
COVER_NOTE = re.compile(r"^.*?关于(印发|公布|发布)|的通知$")


def find_title(lines: list[str], meta_title: str | None) -> tuple[str | None, int]:
    """The report's title and the index of its line (-1 when it came from metadata).

    The page's own title (metadata) when it names a report and its year; else the first line that
    does, not a breadcrumb nor a list entry followed by its date. A title split over two lines
    (agency, then 2024年政府信息公开工作年度报告) is joined."""
    if meta_title and is_report_title(normalize(meta_title)):
        return normalize(meta_title), -1
    for i, line in enumerate(lines[:TITLE_SEARCH_BLOCKS]):
        if BREADCRUMB.search(line):
            continue
        flat = TITLE_LABEL.sub("", normalize(line))
        if i + 1 < len(lines) and not TITLE_WORDS.search(flat) and len(normalize(lines[i + 1])) <= 8:
            flat += normalize(lines[i + 1])  # 2024年…政府信息公开工作 / 年度报告
        if (
            len(flat) <= 60
            and TITLE_WORDS.search(flat)
            and not flat.startswith(("根据", "本报告", "现发布"))
            and not LISTED.search(flat)
        ):
            year = TITLE_YEAR.match(flat)
            names_no_agency = year and TITLE_WORDS.match(flat[year.end() :])
            if names_no_agency and i > 0 and _looks_like_agency(normalize(lines[i - 1])):
                return normalize(lines[i - 1]) + flat, i
            return flat, i
    if meta_title and TITLE_WORDS.search(normalize(meta_title)):
        return normalize(meta_title), -1
    return None, -1


def is_report_title(text: str) -> bool:
    """A title naming a report and its year (not a column's name such as 政府信息公开年报_某区政府)."""
    title = re.split(r"[_|｜]", text)[0]
    return bool(TITLE_WORDS.search(title) and TITLE_YEAR.search(title))


def listed_titles(lines: list[str]) -> int:
    """How many lines are entries of a list of reports: a report title followed by its date."""
    return sum(1 for line in lines if LISTED.search(normalize(line)))


def _looks_like_agency(text: str) -> bool:
    return (
        0 < len(text) <= 30
        and not TITLE_WORDS.search(text)
        and not re.search(r"\d", text)
        and not text.endswith(("。", "：", ":"))
    )


def agency_and_year(title: str | None) -> tuple[str | None, int | None]:
    """西夏区信访局2024年政府信息公开工作年度报告 → (西夏区信访局, 2024); the agency may also follow
    the year, and the year may follow the title words (…年度报告（2024年度）)."""
    if not title:
        return None, None
    title = COVER_NOTE.sub("", re.split(r"[_|｜]", title)[0])
    words = TITLE_WORDS.search(title)
    match = TITLE_YEAR.search(title)
    year = None
    if match:
        raw_year = match.group(1)
        year = int(raw_year) if raw_year.isdigit() else cn_to_int(raw_year)
    end = words.start() if words else len(title)
    if match and match.start() < end:
        agency = _clean_agency(title[: match.start()]) or _clean_agency(title[match.end() : end])
    else:
        agency = _clean_agency(title[:end])
    if agency and agency.endswith("人民") and title[end:].startswith("政府"):
        agency += "政府"  # 西夏区人民政府信息公开…: 政府 belongs to the agency's name too
    return agency, year


def _clean_agency(text: str) -> str | None:
    text = text.strip()
    for _ in range(3):
        text = AGENCY_NOISE.sub("", text).strip()
    return text or None


def published_at(lines: list[str], meta_date: str | None, title_index: int, year: int | None = None) -> str | None:
    """Page metadata first, then a visible 发布时间/时间 line near the top, then the signature date.
    A date the page prints before the reported year is over cannot be the publication (it belongs to
    a related link or a quoted document); metadata is taken as it is, being evidence of its own."""
    if meta_date and first_date(meta_date):
        return first_date(meta_date)
    start = max(title_index, 0)
    for line in lines[start : start + 12]:
        match = DATE_LINE.search(line)
        if match and len(normalize(line)) <= 80:
            found = first_date(line[match.end() :])
            if found and after_the_year(found, year):
                return found
    return signature_date(lines, year)


def after_the_year(date: str, year: int | None) -> bool:
    return year is None or date > f"{year}-12-31"


def signature_date(lines: list[str], year: int | None = None) -> str | None:
    """The date under the signature: one of the last lines, holding little but a date (a labelled
    date such as 采集时间: … is page furniture, a related report's title and date is no signature)."""
    for line in reversed(lines[-8:]):
        flat = normalize(line)
        dates = find_dates(flat)
        if (
            dates
            and len(flat) <= 40
            and not SIGNATURE_NOISE.search(flat)
            and SIGNATURE_END.search(flat)
            and not TITLE_WORDS.search(flat)
            and after_the_year(dates[-1], year)
        ):
            return dates[-1]
    return None


def statistical_period(text: str) -> list[str] | None:
    """本报告所列数据从2024年1月1日至12月31日 → ["2024-01-01", "2024-12-31"]; also when the sentence is
    broken one token per line (…统计期限自 / 2022 / 年 / 1 / 月 …)."""
    return period_in(text) or period_in("".join(text.split()))


def period_in(text: str) -> list[str] | None:
    for match in PERIOD.finditer(text):
        if not PERIOD_CUE.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        y1, m1, d1, y2, m2, d2 = match.groups()
        start = to_iso(int(y1), int(m1), int(d1))
        end = to_iso(int(y2 or y1), int(m2), int(d2))
        if start and end:
            return [start, end]
    return None
