import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nianbao.parsing.values import (
    BLANK,
    MAX_VALUE_CHARS,
    NUMBER,
    RUN_TOGETHER,
    TEXT,
    cell_kind,
    cell_value,
    is_blank,
    is_run,
    is_value,
    parse_number,
)


@pytest.mark.parametrize("cell", ["", " ", "—", "/", "无", "－", "\u3000"])
def test_blank_marks_are_null_not_zero(cell):
    assert is_blank(cell) and cell_value(cell) is None


@pytest.mark.parametrize(
    "cell,value",
    [("0", 0), ("１２", 12), ("3,985,758", 3985758), ("59.91", 59.91), ("-3", -3), ("137.41 万", 137.41), ("7件", 7)],
)
def test_numbers_as_printed(cell, value):
    assert cell_value(cell) == value


def test_money_in_yuan_becomes_wan_yuan():
    assert cell_value("251000元", money=True) == 25.1
    assert cell_value("251000", money=True, header_in_yuan=True) == 25.1
    assert cell_value("137.41万", money=True, header_in_yuan=True) == 137.41
    assert cell_value("251000元") == 251000  # a count never changes unit


def test_text_is_not_a_value():
    assert not is_value("行政许可") and is_value("0") and is_value("—")


@pytest.mark.parametrize("cell,value", [("增加2", 2), ("增2", 2), ("减少2", -2), ("减2", -2), ("—2", -2), ("+2", 2)])
def test_the_2019_change_column_in_words(cell, value):
    assert cell_value(cell) == value


@pytest.mark.parametrize(
    "cell,kind",
    [("行政许可", TEXT), ("—", BLANK), ("", BLANK), ("１２", NUMBER), ("增加2", NUMBER), ("35-15", RUN_TOGETHER)],
)
def test_the_kind_of_a_cell(cell, kind):
    assert cell_kind(cell) == kind


@settings(max_examples=300)
@given(st.text(alphabet="0123456789０１２—–-/+.,，万元件增加减少新下降无空行政 \u3000", max_size=45))
def test_the_kind_of_a_cell_says_what_each_question_about_it_says(cell):
    """One look (cell_kind) answers as the separate questions do: blank, a number in a value cell, a
    run of numbers, or text."""
    kind = cell_kind(cell)
    assert (kind == BLANK) == is_blank(cell)
    assert (kind == NUMBER) == (len(cell) <= MAX_VALUE_CHARS and not is_blank(cell) and parse_number(cell) is not None)
    assert (kind == RUN_TOGETHER) == (is_run(cell) and not is_value(cell))
