"""The template's cell keys are the one list: every key the archive, the checks or the CLI names in
their code (panel columns, Datasette's canned queries and descriptions, narrative claims) is one."""

import re
from pathlib import Path

import pytest
from nianbao.parsing.template import CELL_KEYS, request_row_key, template_cell_keys

REPO = Path(__file__).resolve().parents[2]
KEY_SHAPE = re.compile(r"\b(?:active|requests|appeals)\.[a-z_]+\.[a-z_]+\b")
NAMING_FOLDERS = ("db", "checks", "nianbao", "monitor", "crawler", "replica")


def keys_named_in(path: Path) -> set[str]:
    return set(KEY_SHAPE.findall(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    "path",
    [p for folder in NAMING_FOLDERS for p in sorted((REPO / folder).rglob("*.py"))],
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_every_key_the_code_names_is_a_template_cell(path):
    assert keys_named_in(path) <= CELL_KEYS, f"not cells of either template: {keys_named_in(path) - CELL_KEYS}"


def test_the_panel_and_datasette_name_keys_the_scan_sees():
    from nianbao.db.datasette import QUERIES
    from nianbao.db.panel import PANEL_COLUMNS

    panel_keys = {key for _, _, keys in PANEL_COLUMNS.values() for key in keys}
    query_keys = {key for query in QUERIES.values() for key in KEY_SHAPE.findall(query["sql"])}
    assert len(panel_keys) == 22 and len(query_keys) == 5
    assert panel_keys | query_keys <= CELL_KEYS


def test_the_two_templates_differ_in_table_2_only():
    only_2021 = template_cell_keys("2021") - template_cell_keys("2019")
    only_2019 = template_cell_keys("2019") - template_cell_keys("2021")
    assert {key.split(".")[0] for key in only_2021 | only_2019} == {"active"}
    assert "active.fees.amount" in only_2021 and "active.procurement.amount" in only_2019
    assert "requests.other_unpaid_fee.total" in CELL_KEYS and "appeals.review.pending" in CELL_KEYS


def test_a_group_label_printed_beside_a_sub_row_names_the_sub_row():
    # a borderless PDF sets the merged 三、本年度办理结果, or its last line, on a sub-row's line after a
    # header printed again
    assert request_row_key("三、本年度办理结果3.其他", "（六）其他处理") == "other_other"
    assert request_row_key("果3.其他", "（六）其他处理") == "other_other"  # its last line only
    assert request_row_key("三、本年度办理结果（七）总计", "") == "total_processed"
    assert request_row_key("果3.其他", "（五）不予处理") is None
    assert request_row_key("三、本年度办理结果", "") is None  # the group alone, or its subtotal
