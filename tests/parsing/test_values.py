import pytest
from nianbao.parsing.values import cell_value, is_blank, is_value


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
