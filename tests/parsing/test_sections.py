import pytest
from nianbao.parsing.sections import heading_number, sections_found


@pytest.mark.parametrize(
    "line,number",
    [
        ("一、总体情况", 1),
        ("二 、 主动公开政府信息情况", 2),
        ("三．收到和处理政府信息公开申请情况", 3),
        ("一、总  体  情  况", 1),
        ("四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况", 4),
        ("四、政府信息公开行政法复议、行政诉讼情况", 4),
        ("五、主要问题及改进情况", 5),
        ("五、存在的主要问题及整改措施", 5),
        ("第六部分 其他需要报告的事项", 6),
        ("总体情况", 1),
    ],
)
def test_headings_however_numbered_or_spaced(line, number):
    assert heading_number(line) == number


def test_an_intro_listing_all_parts_is_not_a_heading():
    intro = "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、其他需要报告的事项"
    assert sections_found([intro]) == []


def test_a_numbered_part_inside_a_section_is_no_section_heading():
    assert heading_number("（一）主动公开情况") is None
    assert heading_number("（一）存在的主要问题") is None
