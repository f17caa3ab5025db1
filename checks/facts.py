"""What several checks read off one record, worked out once per report: its cells under flattened
keys and the judgement of every relation of tables 3 and 4 (the relation checks and not_judged ask
about the same relations)."""

from __future__ import annotations

from functools import cached_property

from nianbao.parsing.record import flat_cells
from nianbao.parsing.relations import Judgement, Outcome, judge_balance, judge_outcomes, judge_parts
from nianbao.parsing.template import APPEAL_COLUMNS, REQUEST_COLUMNS


class Facts:
    def __init__(self, record: dict):
        self.record = record
        self.requests = record.get("requests") or {}
        self.appeals = record.get("appeals") or {}

    @cached_property
    def cells(self) -> dict[str, float | int | None]:
        return flat_cells(self.record)

    @cached_property
    def balance(self) -> dict[str, Judgement]:
        """一 + 二 = 三（七） + 四, by column of table 3."""
        return {column: judge_balance(self.requests, column) for column in REQUEST_COLUMNS}

    @cached_property
    def outcomes(self) -> dict[str, Judgement]:
        """三（七） = the sum of the outcome rows, by column of table 3."""
        return {column: judge_outcomes(self.requests, column) for column in REQUEST_COLUMNS}

    @cached_property
    def request_rows(self) -> dict[str, Outcome]:
        """Each row of table 3: its applicant columns add up to 总计."""
        return judge_groups(self.requests, REQUEST_COLUMNS)

    @cached_property
    def appeal_groups(self) -> dict[str, Outcome]:
        """Each group of table 4: 维持 + 纠正 + 其他 + 尚未审结 = 总计."""
        return judge_groups(self.appeals, APPEAL_COLUMNS)


def judge_groups(table: dict, columns: tuple[str, ...]) -> dict[str, Outcome]:
    """Whether the parts of each row (table 3) or group (table 4) add up to its last column, 总计."""
    return {
        name: judge_parts([cells.get(c) for c in columns[:-1]], cells.get(columns[-1])) for name, cells in table.items()
    }
