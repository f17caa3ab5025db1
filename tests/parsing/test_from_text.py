"""Plain text and Markdown extraction: which lines become table rows."""

from nianbao.parsing.from_text import extract
from nianbao.parsing.values import is_run


def rows(text):
    return [(b.cells, b.table) for b in extract(text).blocks]


def test_label_and_numbers_lines_become_rows_numbering_and_notes_included():
    assert rows("2.重复申请 0 0 0 0 0 0 0") == [(["2.重复申请"] + ["0"] * 7, True)]
    assert (
        rows("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2 0 0 0 0 0 2")[0][0][0]
        == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    )
    assert rows("行政许可 97") == [(["行政许可", "97"], True)]


def test_a_wrapped_sentence_ending_in_a_number_stays_text():
    assert rows("本年度我局通过政府网站共受理政府信息公开申请数量 5") == [
        (["本年度我局通过政府网站共受理政府信息公开申请数量 5"], False)
    ]
    assert rows("全年收到申请 24 件。") == [(["全年收到申请 24 件。"], False)]


def test_pipe_tables_and_tabs():
    assert rows("| 规章 | 0 | 1 | 2 |\n|---|---|---|---|\n行政许可\t97\t\t") == [
        (["规章", "0", "1", "2"], True),
        (["行政许可", "97", "", ""], True),
    ]


def test_a_long_run_of_digits_ending_in_words_is_read_as_text_at_once():
    """Found in a dump with 28-digit lines: the cell pattern tried every split of a digit run before
    giving up on a line that is no row, in time doubling with each digit (this line would have taken
    days). Each part of a cell starts with a character of its own, so one split is all there is."""
    digits = "1" * 39
    doc = extract(f"证件号码 {digits}X\n{digits}X 1\n{digits}号\n")
    assert [b.table for b in doc.blocks] == [False, False, False]
    assert [b.cells for b in doc.blocks] == [[f"证件号码 {digits}X"], [f"{digits}X 1"], [f"{digits}号"]]
    assert not is_run(f"{digits}x") and is_run(digits)
