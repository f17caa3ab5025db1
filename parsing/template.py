"""The two national templates (国办公开办函〔2021〕30号 and 〔2019〕60号): which rows each table has,
how portals print their labels, and which keys (shared/spec/report-record.md) the cells get."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

REQUEST_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")
APPEAL_GROUPS = ("review", "litigation_direct", "litigation_after_review")
APPEAL_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


@dataclass(frozen=True)
class ActiveRow:
    """A row of table 2: the label variants that name it and its columns in printed order."""

    key: str
    labels: tuple[str, ...]
    columns: tuple[str, ...]
    money: tuple[str, ...] = ()


ACTIVE_2021 = (
    ActiveRow("regulations", ("规章",), ("issued", "repealed", "in_force")),
    ActiveRow("normative_documents", ("行政规范性文件", "规范性文件"), ("issued", "repealed", "in_force")),
    ActiveRow("licensing", ("行政许可",), ("decisions",)),
    ActiveRow("punishment", ("行政处罚",), ("decisions",)),
    ActiveRow("coercion", ("行政强制",), ("decisions",)),
    ActiveRow("fees", ("行政事业性收费",), ("amount",), money=("amount",)),
)
ACTIVE_2019 = (
    ActiveRow("regulations", ("规章",), ("made", "published", "total_public")),
    ActiveRow("normative_documents", ("行政规范性文件", "规范性文件"), ("made", "published", "total_public")),
    ActiveRow("licensing", ("行政许可",), ("previous", "change", "decisions")),
    ActiveRow("other_services", ("其他对外管理服务事项", "其他对外管理服务"), ("previous", "change", "decisions")),
    ActiveRow("punishment", ("行政处罚",), ("previous", "change", "decisions")),
    ActiveRow("coercion", ("行政强制",), ("previous", "change", "decisions")),
    ActiveRow("fees", ("行政事业性收费",), ("previous", "change")),
    ActiveRow("procurement", ("政府集中采购",), ("projects", "amount"), money=("amount",)),
)
ACTIVE_ROWS = {"2021": ACTIVE_2021, "2019": ACTIVE_2019}

# Table 3 rows in printed order, each with the fragments that identify its label. Fragments are
# matched on the label with whitespace and punctuation removed; the first row whose fragment occurs
# wins, so the sub-rows come before the group rows that share words with them.
REQUEST_ROWS = (
    ("new_received", ("本年新收",)),
    ("carried_over", ("上年结转",)),
    ("granted", ("予以公开",)),
    ("partially_granted", ("部分公开",)),
    ("withheld_state_secret", ("国家秘密",)),
    ("withheld_prohibited_by_law", ("禁止公开", "法律行政法规", "法律行政止公开")),
    ("withheld_security_stability", ("三安全一稳定", "安全一稳定")),
    ("withheld_third_party", ("第三方",)),
    ("withheld_internal_affairs", ("内部事务",)),
    ("withheld_process_info", ("过程性",)),
    ("withheld_enforcement_files", ("执法案卷",)),
    ("withheld_inquiry", ("行政查询",)),
    ("unavailable_not_held", ("不掌握",)),
    ("unavailable_needs_creation", ("另行制作", "没有现成")),
    ("unavailable_unclear", ("仍不明确", "补正后申请")),
    ("not_processed_complaint", ("信访举报", "投诉类")),
    ("not_processed_duplicate", ("重复申请",)),
    ("not_processed_publication", ("公开出版物",)),
    ("not_processed_excessive", ("大量反复",)),
    ("not_processed_confirmation", ("确认或重新出具", "重新出具")),
    ("other_no_correction", ("逾期不补正", "不补正")),
    ("other_unpaid_fee", ("缴纳费用", "收费通知")),
    ("carried_forward", ("结转下年", "转下年度", "结转下一年")),
)
REQUEST_ROW_ORDER = (
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_files",
    "withheld_inquiry",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "not_processed_complaint",
    "not_processed_duplicate",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirmation",
    "other_no_correction",
    "other_unpaid_fee",
    "other_other",
    "other_handling",
    "total_processed",
    "carried_forward",
)
OTHER_SUB_ROWS = ("other_no_correction", "other_unpaid_fee", "other_other")
# Rows whose values are the outcome of a request: they add up to total_processed.
OUTCOME_ROWS = tuple(k for k in REQUEST_ROW_ORDER[2:24])
# Group rows (（三）不予公开 …) print no values of their own in the template; some reports print a
# subtotal there, which is not a template cell and is left out.
REQUEST_GROUPS = ("不予公开", "无法提供", "不予处理", "本年度办理结果")
# The group （六）其他处理: its 2021 sub-row 3.其他 names a row only under it (3.其他 alone is no row).
OTHER_HANDLING = "其他处理"
# A numbered sub-row's label (3.其他) at the end of a row's label.
SUB_ROW_AT_END = re.compile(r"\d+\.[^\d.]+$")
# A sub-row's number alone on a line (7.), its words cut off onto the next: the first piece of its label, no value.
SUB_ROW_NUMBER_ALONE = re.compile(r"^\d{1,2}[.．、]$")
# A group's label followed by a sub-row's number, the sub-row's words cut off (（三）不予公开1 | .属于国家秘密,
# a label split over two lines by a converter): some sub-row of the group, neither the group nor a subtotal.
GROUP_THEN_CUT_SUB_ROW = re.compile(r"(不予公开|无法提供|不予处理|其他处理)\d+\.?$")


def template_cell_keys(fmt: str) -> frozenset[str]:
    """The flattened keys (table.row.column, report-record.md) of one template's cells."""
    active = {f"active.{row.key}.{column}" for row in ACTIVE_ROWS[fmt] for column in row.columns}
    requests = {f"requests.{row}.{column}" for row in REQUEST_ROW_ORDER for column in REQUEST_COLUMNS}
    appeals = {f"appeals.{group}.{column}" for group in APPEAL_GROUPS for column in APPEAL_COLUMNS}
    return frozenset(active | requests | appeals)


# Every cell key of either template: what the archive may store, correct and name.
CELL_KEYS = template_cell_keys("2021") | template_cell_keys("2019")

# Labels of table 2 that only one template prints, to tell the templates apart by their tables.
MARKS_2019 = (
    "新制作",
    "新公开",
    "对外公开总数",
    "上一年项目数",
    "上年项目数",
    "其他对外管理服务",
    "政府集中采购",
    "采购项目数",
    "采购总金额",
)
MARKS_2021 = ("制发件数", "现行有效件数", "废止件数", "终止件数", "收费金额", "逾期不补正", "逾期未按收费")


@lru_cache(maxsize=4096)  # the same printed labels come back report after report
def request_row_key(label: str, group: str) -> str | None:
    """The table-3 key a (normalised) row label names, given the group label last seen."""
    for key, fragments in REQUEST_ROWS:
        if any(f in label for f in fragments):
            return key
    if GROUP_THEN_CUT_SUB_ROW.search(label):
        return None
    bare = label.lstrip("0123456789.()、（）")
    if OTHER_HANDLING in label:
        # （六）其他处理 | 3.其他: the group printed again beside its sub-row (below a repeated header)
        after_group = label.rsplit(OTHER_HANDLING, 1)[1].lstrip("0123456789.()、（）")
        return "other_other" if after_group == "其他" else "other_handling"
    if bare == "其他" and OTHER_HANDLING in group:
        return "other_other"
    if "总计" in label and ("七" in label or "办理结果" in group or bare == "总计"):
        return "total_processed"
    sub_row = SUB_ROW_AT_END.search(label)
    if sub_row and sub_row.start() > 0:
        # a group label merged over rows beside a sub-row, whole or its lines shared among the rows it
        # spans (三、本年度办理结果3.其他, 果3.其他 where a header printed again starts the merges again)
        return request_row_key(sub_row.group(), group)
    return None


@lru_cache(maxsize=4096)
def active_row(label: str, fmt: str) -> ActiveRow | None:
    """The table-2 row a (normalised) label names in the given template."""
    bare = label.lstrip("0123456789.()、（）")
    for row in ACTIVE_ROWS.get(fmt, ACTIVE_2021):
        if any(bare.startswith(name) or bare.endswith(name) for name in row.labels):
            return row
    return None


def template_of(labels: list[str]) -> str:
    """ "2019" or "2021" from the table labels the document prints (the template more of them belong
    to), "unknown" when it prints neither."""
    joined = "|".join(labels)
    marks_2019 = sum(mark in joined for mark in MARKS_2019)
    marks_2021 = sum(mark in joined for mark in MARKS_2021)
    if not marks_2019 and not marks_2021:
        return "unknown"
    return "2019" if marks_2019 > marks_2021 else "2021"
