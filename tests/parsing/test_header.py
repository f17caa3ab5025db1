from nianbao.parsing.dates import find_dates
from nianbao.parsing.header import agency_and_year, find_title, published_at, statistical_period


def test_dates_in_every_printed_form():
    assert find_dates("2025年1月31日；二〇二四年十二月三十一日；2024-01-17 12:00；2024/2/30") == [
        "2025-01-31",
        "2024-12-31",
        "2024-01-17",
    ]


def test_agency_before_or_after_the_year():
    assert agency_and_year("自治区信访局2024年政府信息公开工作年度报告") == ("自治区信访局", 2024)
    assert agency_and_year("2019年上海市人民政府办公厅政府信息公开工作年度报告") == ("上海市人民政府办公厅", 2019)
    assert agency_and_year("《平潭综合实验区2022年度政府信息公开工作年度报告》") == ("平潭综合实验区", 2022)
    assert agency_and_year("二〇二三年某县教育局政府信息公开工作年度报告") == ("某县教育局", 2023)


def test_title_split_over_two_lines():
    assert find_title(["西夏区信访局", "2024 年政府信息公开工作年度报告", "根据…"], None) == (
        "西夏区信访局2024年政府信息公开工作年度报告",
        1,
    )
    assert (
        find_title(["正文", "2024 年上海市科委政府信息公开工作", "年度报告"], None)[0]
        == "2024年上海市科委政府信息公开工作年度报告"
    )


def test_publication_date_prefers_metadata_then_visible_line_then_signature():
    lines = ["某局2024年政府信息公开工作年度报告", "时间: 2025-01-31 12:01", "正文", "某局", "2025年1月30日"]
    assert published_at(lines, "2025-01-29 09:00:00", 0) == "2025-01-29"
    assert published_at(lines, None, 0) == "2025-01-31"
    assert published_at(lines[:1] + lines[2:], None, 0) == "2025-01-30"
    assert published_at(["标题", "采集时间: 2025-12-30", "正文"], None, 0) is None


def test_statistical_period_with_the_end_year_left_out():
    assert statistical_period("本报告所列数据从 2024 年 1 月 1 日至 12 月 31 日。") == ["2024-01-01", "2024-12-31"]
    assert statistical_period("数据统计期限为 2020 年 1 月 1 日至 2020 年 12 月 31 日") == ["2020-01-01", "2020-12-31"]
    assert statistical_period("2024年1月1日至12月31日开展活动") is None


def test_titles_portals_print_in_other_orders():
    assert agency_and_year("西夏区测试局政府信息公开工作年度报告（2024年度）") == ("西夏区测试局", 2024)
    assert agency_and_year("2024年度西夏区人民政府信息公开工作年度报告") == ("西夏区人民政府", 2024)
    assert agency_and_year("西夏区人民政府办公室关于印发西夏区2024年政府信息公开工作年度报告的通知") == ("西夏区", 2024)


def test_a_breadcrumb_is_not_the_title():
    lines = ["首页 > 政府信息公开 > 政府信息公开年报", "西夏区测试局2024年政府信息公开工作年度报告"]
    assert find_title(lines, None) == ("西夏区测试局2024年政府信息公开工作年度报告", 1)


def test_statistics_dates_and_sentences_are_not_the_publication_date():
    lines = [
        "某局2024年政府信息公开工作年度报告",
        "本报告所列数据统计时间：2024年1月1日至12月31日",
        "数据截止时间：2024年12月31日。",
        "下一步将于2025年3月31日前完成目录更新。",
    ]
    assert published_at(lines, None, 0) is None
    assert published_at(lines + ["某局", "2025-01-30"], None, 0) == "2025-01-30"


def test_a_period_written_with_dots():
    assert statistical_period("统计时间为2024.1.1—2024.12.31。") == ["2024-01-01", "2024-12-31"]


def test_the_page_title_naming_a_year_wins_over_related_links_above_the_article():
    lines = [
        "相关阅读",
        "临江区教育局2022年政府信息公开工作年度报告 2023-01-20",
        "临江区财政局2023年政府信息公开工作年度报告",
    ]
    assert find_title(lines, "临江区财政局2023年政府信息公开工作年度报告_临江区人民政府")[0].startswith(
        "临江区财政局2023"
    )
    assert find_title(lines, "政府信息公开年报_临江区人民政府") == ("临江区财政局2023年政府信息公开工作年度报告", 2)


def test_a_date_before_the_reported_year_ended_is_no_publication_date():
    lines = [
        "临江区财政局2023年政府信息公开工作年度报告",
        "正文",
        "临江区财政局",
        "2024年1月25日",
        "相关阅读",
        "临江区人民政府2022年政府信息公开工作年度报告 2023-03-28",
    ]
    assert published_at(lines, None, 0, 2023) == "2024-01-25"
