"""Pages that sit in or beside an annual-report column but are no 政府信息公开工作年度报告: the crawler must
not archive them as reports (shared/spec/portals.md, "Look-alikes")."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class NotReport:
    id: str
    portal: str
    title: str
    published: datetime
    why: str
    body: str  # HTML fragment of the page's body
    agency: str = ""  # the publishing body where a platform files it under one (gkmlpt)


def website_statistics(site: str, year: int) -> str:
    """政府网站工作年度报表: a form of website figures, due 31 January like the departments' reports."""
    rows = (
        ("网站名称", site),
        ("首页网址", "（略）"),
        ("主办单位", f"{site}办公室"),
        ("独立用户访问总量（单位：个）", "186243"),
        ("网站总访问量（单位：次）", "1530877"),
        ("信息发布（单位：条）", "4127"),
        ("专栏专题（单位：个）", "12"),
        ("政务服务事项数量（单位：项）", "836"),
        ("留言办理（单位：条）", "412"),
    )
    cells = "".join(f"<tr><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>" for a, b in rows)
    return f'<p>{site}政府网站工作年度报表（{year}年度）</p><table border="1" cellspacing="0">{cells}</table>'


def rule_of_law(site: str, year: int) -> str:
    return (
        f"<p>{year}年，{site}深入学习贯彻习近平法治思想，全面推进法治政府建设，现将有关情况报告如下。</p>"
        "<p>一、推进法治政府建设的主要举措和成效</p><p>（一）全面履行政府职能。深化“放管服”改革，持续优化营商环境。</p>"
        "<p>（二）健全依法行政制度体系。严格落实重大行政决策程序，全年组织合法性审查文件86件。</p>"
        "<p>二、存在的不足和原因</p><p>基层行政执法人员法治素养有待提升。</p>"
        f"<p>三、{year + 1}年推进法治政府建设的主要安排</p><p>持续深化行政执法“三项制度”。</p>"
    )


def housing_fund(city: str, year: int) -> str:
    return (
        f"<p>根据国务院《住房公积金管理条例》和住房城乡建设部、财政部、人民银行有关规定，经{city}住房公积金管理委员会审议通过，"
        f"现将{city}住房公积金{year}年年度报告公布如下：</p><p>一、机构概况</p><p>二、业务运行情况</p>"
        "<p>（一）缴存。新开户单位1,215家，实缴单位13,806家；新开户职工5.61万人，实缴职工41.52万人。</p>"
        "<p>（二）提取。提取额98.37亿元，同比增长6.12%。</p><p>三、主要财务数据</p><p>四、资产风险状况</p>"
    )


def final_accounts(agency: str, year: int) -> str:
    rows = (("一般公共预算财政拨款收入", "12,853.26"), ("事业收入", "0.00"), ("本年支出合计", "12,611.08"))
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    return (
        f"<p>第一部分 {agency}概况</p><p>第二部分 {agency}{year}年度部门决算表</p>"
        f'<table border="1" cellspacing="0"><tr><td>项目</td><td>金额（万元）</td></tr>{cells}</table>'
        "<p>第三部分 {year}年度部门决算情况说明</p>".replace("{year}", str(year))
    )


def disclosure_guide(site: str) -> str:
    return (
        f"<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制《{site}政府信息公开指南》。</p>"
        "<p>一、主动公开</p><p>（一）公开范围</p><p>（二）公开方式</p><p>二、依申请公开</p>"
        "<p>（一）受理机构</p><p>（二）申请方式：申请人可以通过网络、信函、当面等方式提出申请。</p><p>三、监督方式</p>"
    )


LOOKALIKES = (
    NotReport(
        "trs-guide",
        "trs",
        "临江区人民政府信息公开指南",
        datetime(2019, 5, 20, 9, 0),
        "the disclosure guide, pinned at the top of every list page",
        disclosure_guide("临江区人民政府"),
    ),
    NotReport(
        "trs-website-2024",
        "trs",
        "临江区人民政府2024年政府网站工作年度报表",
        datetime(2025, 1, 16, 10, 0),
        "政府网站工作年度报表 (a look-alike)",
        website_statistics("临江区人民政府", 2024),
    ),
    NotReport(
        "trs-rule-of-law-2024",
        "trs",
        "临江区2024年法治政府建设年度报告",
        datetime(2025, 3, 20, 15, 30),
        "法治政府建设年度报告 (a look-alike)",
        rule_of_law("临江区人民政府", 2024),
    ),
    NotReport(
        "hanweb-housing-fund-2024",
        "hanweb",
        "东湖市住房公积金2024年年度报告",
        datetime(2025, 3, 28, 9, 40),
        "住房公积金年度报告 (a look-alike)",
        housing_fund("东湖市", 2024),
    ),
    NotReport(
        "gkmlpt-final-accounts-2024",
        "gkmlpt",
        "岭南市交通运输局2024年度部门决算",
        datetime(2025, 8, 20, 11, 0),
        "部门决算 (a look-alike)",
        final_accounts("岭南市交通运输局", 2024),
        agency="岭南市交通运输局",
    ),
    NotReport(
        "vsb-rule-of-law-2023",
        "vsb",
        "青石县2023年法治政府建设年度报告",
        datetime(2024, 3, 25, 16, 0),
        "法治政府建设年度报告 (a look-alike)",
        rule_of_law("青石县人民政府", 2023),
    ),
)
