import pytest
from nianbao.db import open_db


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "archive.db")
    yield database
    database.close()


@pytest.fixture(name="parse_as")
def parse_as_fixture():
    return parse_as


@pytest.fixture(name="seed_as_html")
def seed_as_html_fixture():
    return seed_as_html


def parse_as(name):
    """The parse stage as the archive calls it, for a file called ``name`` (no checks: db/ is tested alone)."""
    from nianbao.db.archive import NotAReport, Parsed
    from nianbao.parsing import UnreadableDocument, parse_bytes
    from nianbao.parsing.record import flat_cells

    def parse(data):
        try:
            record = parse_bytes(data, name)
        except UnreadableDocument as err:
            raise NotAReport(str(err)) from None
        return Parsed(record=record, cells=flat_cells(record), findings=record["findings"])

    return parse


def seed_as_html(text: str, views: int, today: str) -> bytes:
    """A portal's article page holding a seed report: tab-separated lines become table rows; the page
    chrome carries a view counter and the date of the day."""
    import html

    body, rows = [], []
    for line in text.splitlines():
        if "\t" in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split("\t")) + "</tr>")
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        if line.strip():
            body.append(f"<p>{html.escape(line)}</p>")
    if rows:
        body.append("<table>" + "".join(rows) + "</table>")
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>年度报告</title></head><body>
<div class="top">今天是{today} 星期三 | 欢迎访问银川市西夏区人民政府网站</div>
<div class="info">发布时间：2025-01-20 浏览次数：{views}</div>
<div class="article-content">{"".join(body)}</div>
<div class="footer">访问量：{views * 7} 版权所有</div></body></html>""".encode()


@pytest.fixture
def seeded(db, seeds):
    """The archive holding the five seeds (parse stage only), ids 1–5 in seed order."""
    from nianbao.db.archive import archive_file

    for seed in seeds:
        archive_file(db, seed.read_bytes(), url=seed.resolve().as_uri(), parse=parse_as(seed.name))
    return db
