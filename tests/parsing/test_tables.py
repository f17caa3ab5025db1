"""Cell placement on text-shaped rows: labels pick rows, counts must fit, sums settle ambiguity."""

from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st
from nianbao.parsing.document import Block, Document
from nianbao.parsing.record import build_record
from nianbao.parsing.tables import (
    digit_run_readings,
    fit_cells,
    is_whole_number,
    placed_or_shifted,
    requests_row_sum_holds,
    unique_with_lost_blanks,
)

HEAD = [Block(["某局2024年政府信息公开工作年度报告"]), Block(["三、收到和处理政府信息公开申请情况"])]


def requests_of(*rows):
    doc = Document(blocks=HEAD + [Block(cells, table=True) for cells in rows])
    return build_record(doc)


def test_padding_of_merged_label_columns_is_dropped():
    record = requests_of(["一、本年新收政府信息公开申请数量", "", "3", "1", "0", "0", "0", "0", "4", ""])
    assert record["requests"]["new_received"] == {
        "natural_person": 3,
        "commercial": 1,
        "research": 0,
        "social_welfare": 0,
        "legal_services": 0,
        "other_org": 0,
        "total": 4,
    }


def test_a_row_with_too_few_cells_stays_null_and_is_reported():
    record = requests_of(["一、本年新收政府信息公开申请数量", "3", "1", "4"])
    assert "new_received" not in record["requests"]
    [finding] = [f for f in record["findings"] if f["code"] == "malformed_table"]
    [row] = finding["evidence"]["rows"]
    assert row["row"] == "new_received" and row["seen"] == ["3", "1", "4"] and row["placed"] is False


def test_an_extra_cell_is_placed_only_when_one_reading_remains():
    assert fit_cells(["0"] * 8, 7, requests_row_sum_holds) == (["0"] * 7, "resolved")
    cells, how = fit_cells(["5", "1", "0", "0", "0", "0", "6", "9"], 7, requests_row_sum_holds)
    assert (cells, how) == (["5", "1", "0", "0", "0", "0", "6"], "resolved")
    assert fit_cells(["1", "2", "3", "4", "5", "6", "7", "8"], 7, requests_row_sum_holds) == (None, "unplaced")


def test_digit_runs_are_split_only_when_the_row_sum_allows_one_split():
    assert digit_run_readings(["713000074"], 7, requests_row_sum_holds) == {("71", "3", "0", "0", "0", "0", "74")}
    assert fit_cells(["000"], 3) == (["0", "0", "0"], "split")  # one digit a cell: the only reading
    assert fit_cells(["8855698"], 3) == (None, "unplaced")  # no sums in table 2 to choose a split


def test_separate_cells_are_never_split_a_missing_one_is_a_lost_blank():
    # 总计 left blank in a report copied one cell per line: six cells, not digits run together
    assert fit_cells(["10", "0", "0", "0", "0", "1"], 7, requests_row_sum_holds) == (None, "unplaced")
    assert fit_cells(["3", "12"], 3) == (None, "unplaced")  # 行政规范性文件 with 废止 blank


def test_blanks_at_both_ends_are_not_guessed_into_padding():
    # Word pads a label spanning merged columns with empty cells; with 总计 blank too, which empty
    # cell is the padding cannot be told
    record = requests_of(["一、本年新收政府信息公开申请数量", "", "", "2", "1", "0", "0", "0", "0", "", ""])
    assert "new_received" not in record["requests"]
    [finding] = [f for f in record["findings"] if f["code"] == "malformed_table"]
    assert "cannot be told" in finding["evidence"]["rows"][0]["why"]


def test_2019_template_told_apart_by_its_labels():
    doc = Document(
        blocks=[
            Block(["某局2020年政府信息公开工作年度报告"]),
            Block(["二、主动公开政府信息情况"]),
            Block(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], table=True),
            Block(["规范性文件", "2", "1", "4"], table=True),
            Block(["信息内容", "采购项目数量", "采购总金额"], table=True),
            Block(["政府集中采购", "6", "251000元"], table=True),
        ]
    )
    record = build_record(doc)
    assert record["format"] == "2019"
    assert record["active"]["normative_documents"] == {"made": 2, "published": 1, "total_public": 4}
    assert record["active"]["procurement"] == {"projects": 6, "amount": 25.1}


def test_a_report_from_before_the_templates_gets_no_cells():
    doc = Document(
        blocks=[
            Block(["某局2016年政府信息公开工作年度报告"]),
            Block(["一、概述"]),
            Block(["全年主动公开信息120条，受理申请5件。"]),
            Block(["项目", "数量"], table=True),
            Block(["受理申请", "5"], table=True),
        ]
    )
    record = build_record(doc)
    assert record["format"] == "unknown" and record["year"] == 2016
    assert record["active"] == {} and record["requests"] == {} and record["appeals"] == {}


def test_a_sentence_naming_a_2019_label_does_not_switch_the_template():
    doc = Document(
        blocks=[
            Block(["某局2024年政府信息公开工作年度报告"]),
            Block(["全年新公开政府信息326条。"]),
            Block(["（三）政府集中采购信息公开情况"]),
            Block(["二、主动公开政府信息情况"]),
            Block(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], table=True),
            Block(["行政规范性文件", "3", "1", "12"], table=True),
            Block(["信息内容", "本年处理决定数量"], table=True),
            Block(["行政许可", "97"], table=True),
        ]
    )
    record = build_record(doc)
    assert record["format"] == "2021"
    assert record["active"] == {
        "normative_documents": {"issued": 3, "repealed": 1, "in_force": 12},
        "licensing": {"decisions": 97},
    }


def test_a_blank_other_handling_row_above_its_2021_sub_rows_is_their_group():
    zeros = ["0"] * 7
    record = requests_of(
        ["本年制发件数"],
        ["一、本年新收政府信息公开申请数量", *zeros],
        ["（六）其他处理", "", "", "", "", "", "", ""],
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", *zeros],
        ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", *zeros],
        ["3.其他", "1", "0", "0", "0", "0", "0", "1"],
    )
    assert "other_handling" not in record["requests"]
    assert record["requests"]["other_other"]["total"] == 1


def test_a_blank_total_in_a_padded_row_is_placed_where_only_one_reading_keeps_the_relations():
    def padded(label, *cells):
        return [label, "", *cells, ""]

    record = requests_of(
        padded("一、本年新收政府信息公开申请数量", "20", "3", "0", "0", "1", "0", ""),  # 总计 left blank
        padded("二、上年结转政府信息公开申请数量", "2", "0", "0", "0", "0", "0", "2"),
        ["三、本年度办理结果", "（一）予以公开", "19", "3", "0", "0", "1", "0", "23", ""],
        ["（七）总计", "", "19", "3", "0", "0", "1", "0", "23", ""],
        padded("四、结转下年度继续办理", "3", "0", "0", "0", "0", "0", "3"),
    )
    assert record["requests"]["new_received"] == {
        "natural_person": 20,
        "commercial": 3,
        "research": 0,
        "social_welfare": 0,
        "legal_services": 1,
        "other_org": 0,
        "total": None,
    }
    [finding] = [f for f in record["findings"] if f["code"] == "malformed_table"]
    assert finding["evidence"]["rows"][0]["placed"] is True
    assert "relations" in finding["evidence"]["rows"][0]["why"]


def test_a_note_beside_a_number_makes_the_row_malformed_not_missing():
    record = requests_of(["一、本年新收政府信息公开申请数量", "40", "6", "0", "1", "2", "0", "49（含转办3件）"])
    assert "new_received" not in record["requests"]
    codes = {f["code"]: f for f in record["findings"]}
    assert codes["malformed_table"]["evidence"]["rows"][0]["row"] == "new_received"
    assert (
        "requests.new_received" not in codes.get("missing_rows", {"evidence": {"missing": []}})["evidence"]["missing"]
    )


def test_a_unit_line_above_table_2_converts_its_money():
    doc = Document(
        blocks=[
            Block(["某局2023年政府信息公开工作年度报告"]),
            Block(["二、主动公开政府信息情况"]),
            Block(["单位：元"]),
            Block(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], table=True),
            Block(["信息内容", "本年收费金额"], table=True),
            Block(["行政事业性收费", "25000"], table=True),
        ]
    )
    assert build_record(doc)["active"]["fees"] == {"amount": 2.5}


def every_cut(segment: str, parts: int):
    """Every way to cut ``segment`` into ``parts`` pieces, one by one (the slow way it is not done)."""
    for cuts in combinations(range(1, len(segment)), parts - 1):
        bounds = (0, *cuts, len(segment))
        yield [segment[a:b] for a, b in zip(bounds, bounds[1:])]


def readable_in(segment: str, parts: int) -> bool:
    return any(all(map(is_whole_number, pieces)) for pieces in every_cut(segment, parts))


@given(st.lists(st.text("0012345-.9", min_size=1, max_size=8), min_size=1, max_size=3), st.integers(1, 9))
def test_a_run_is_unique_exactly_when_no_cut_into_fewer_numbers_reads(segments, width):
    # the counts of parts each segment can be read in, by trying every cut
    counts = {0}
    for segment in segments:
        counts = {total + k for total in counts for k in range(1, len(segment) + 1) if readable_in(segment, k)}
    fewer = any(len(segments) <= k < width for k in counts)
    assert unique_with_lost_blanks(segments, width) is not fewer


def test_a_long_run_is_unique_only_when_its_zeros_lead():
    assert unique_with_lost_blanks(["0" * 24], 23)  # 00 … is no number: no reading with a blank lost
    assert not unique_with_lost_blanks(["1" + "0" * 23], 23)  # 10 | 0 | 0 …


def test_a_row_placed_in_columns_blank_beside_its_label_is_read_as_placed_or_shifted_one_column_right():
    # no blank lost and no number moved on its own: the relations choose between the two (settle_doubtful)
    assert placed_or_shifted(["", "21", "0", "", "50", "3", "1362"]) == [
        (None, 21, 0, None, 50, 3, 1362),
        (21, 0, None, 50, 3, 1362, None),
    ]
