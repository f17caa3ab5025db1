"""parsing.from_doc with the real antiword on legacy Word files (tests/fixtures/docx: the .doc files were
saved by LibreOffice from the .docx fixtures, see make_fixtures.py): rows, text, what antiword loses
(read on a PATH without LibreOffice), its refusals as one-line reasons, and the real LibreOffice reading
what antiword loses where it is installed."""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from nianbao.parsing import parse_bytes
from nianbao.parsing.document import Block, UnreadableDocument
from nianbao.parsing.from_doc import extract
from nianbao.parsing.from_docx import extract as extract_docx
from nianbao.parsing.record import flat_cells

FIXTURES = Path(__file__).parents[1] / "fixtures" / "docx"
needs_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None, reason="antiword is not installed (scripts/setup installs it)"
)
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed (apt-get install --no-install-recommends libreoffice-writer-nogui)",
)


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def text(line: str) -> Block:
    return Block([line])


def row(*cells: str) -> Block:
    return Block(list(cells), table=True)


def antiword_only(monkeypatch: pytest.MonkeyPatch, directory: Path) -> None:
    """A PATH holding antiword and nothing else: today's reading where LibreOffice is not installed."""
    if antiword := shutil.which("antiword"):
        (directory / "antiword").symlink_to(antiword)
    monkeypatch.setenv("PATH", str(directory))


def extract_without_libreoffice(data: bytes, directory: Path):
    with pytest.MonkeyPatch.context() as monkeypatch:
        antiword_only(monkeypatch, directory)
        return extract(data)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    return extract_without_libreoffice(read("report_2021.doc"), tmp_path_factory.mktemp("bin"))


@needs_antiword
def test_merged_rows_from_a_doc():
    """antiword keeps no merge flags: a vertical merge's continuation cells are blank cells, so rows
    under a merged label start with "" (a horizontal merge is still one cell); a label typed on two
    lines is one cell. antiword places every row, so LibreOffice, even where installed, is not asked."""
    assert extract(read("merges.doc")).blocks == [
        text("三、收到和处理政府信息公开申请情况"),
        row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人 情况"),
        row("", "自然人", "法人或其他组织", "总计"),
        row("一、本年新收政府信息公开申请数量", "12", "3", "15"),
        row("三、本年度办理结果", "（一）予以公开", "5", "1", "6"),
        row("", "（三）不予公开", "1.属于国家秘密", "0", "", "0"),
        row("", "", "2.其他法律行政法规禁止公开", "1", "0", "1"),
        row("", "", "3.危及“三安全一稳定”", "0", "0", "0"),
        row("四、结转下年度继续办理", "2", "0", "2"),
        text("四、政府信息公开行政复议、行政诉讼情况"),
    ]


@needs_antiword
def test_report_text_and_narrow_table_in_order(report):
    """Paragraphs and table 2 (four columns) read exactly as from the .docx it was saved from."""
    docx_blocks = extract_docx(read("report_2021.docx")).blocks
    table2 = docx_blocks[
        docx_blocks.index(text("二、主动公开政府信息情况")) : docx_blocks.index(
            text("三、收到和处理政府信息公开申请情况")
        )
        + 1
    ]
    start = report.blocks.index(text("二、主动公开政府信息情况"))
    assert report.blocks[:start] == docx_blocks[:start]
    assert report.blocks[start : start + len(table2)] == table2
    assert report.blocks[-6:] == docx_blocks[-6:]  # sections 五 and 六, signature and date
    assert report.meta == {} and report.image_only is False


@needs_antiword
def test_rows_antiword_cannot_place_become_loose_text(report):
    """Measured limit of antiword 0.37: rows of seven or more cells, as LibreOffice stores them, are not
    seen as rows. Table 4's cells come out one text block each (blanks lost), the heading after the
    table is a block of its own again, and no row is made up from them; table 3 and the heading 四
    between the tables are lost inside one blank two-cell row that antiword reports instead."""
    blocks = report.blocks
    start = blocks.index(text("三、收到和处理政府信息公开申请情况"))
    end = blocks.index(text("五、存在的主要问题及改进情况"))
    region = blocks[start + 1 : end]
    assert [b for b in region if b.table] == [
        row("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"),
        row("", "自然人", "法人或其他组织", "总计"),
        row("", ""),
    ]
    outcomes = ["结果", "维持", "结果", "纠正", "其他", "结果", "尚未", "审结", "总计"]
    loose = [b.cells[0] for b in region if not b.table]
    assert loose == [
        *outcomes,
        "未经复议直接起诉",
        "复议后起诉",
        *outcomes,
        *outcomes,
        "2",
        "1",
        "0",
        "1",
        "4",
        "1",
        "0",
        "0",
        "1",
        "2",
        "0",
        "0",
        "1",
        "1",
    ]


@needs_antiword
def test_report_record_end_to_end_keeps_only_what_antiword_read(monkeypatch, tmp_path):
    """Table 2 and the header fields are read; nothing of tables 3 and 4 is filled with a wrong number."""
    antiword_only(monkeypatch, tmp_path)
    record = parse_bytes(read("report_2021.doc"), "x.doc")
    truth = flat_cells(parse_bytes(read("report_2021.docx"), "x.docx"))
    cells = flat_cells(record)
    active = {key: value for key, value in truth.items() if key.startswith("active.")}
    assert {key: cells.get(key) for key in active} == active
    assert all(value == truth[key] for key, value in cells.items() if value is not None)
    assert (record["agency"], record["year"], record["format"]) == ("江川市自然资源和规划局", 2023, "2021")
    assert (record["published_at"], record["period"]) == ("2024-01-19", ["2023-01-01", "2023-12-31"])
    assert "missing_rows" in {finding["code"] for finding in record["findings"]}


# --- LibreOffice reads the rows antiword cannot place --------------------------------------------


@needs_antiword
@needs_soffice
def test_libreoffice_reads_every_row_antiword_loses():
    """Tables 3 and 4 come back as rows: the blocks are exactly those of the .docx the file was saved
    from, and the record holds every cell the .docx holds, with no malformed or missing rows."""
    assert extract(read("report_2021.doc")).blocks == extract_docx(read("report_2021.docx")).blocks
    record = parse_bytes(read("report_2021.doc"), "x.doc")
    assert flat_cells(record) == flat_cells(parse_bytes(read("report_2021.docx"), "x.docx"))
    assert {"malformed_table", "missing_rows"}.isdisjoint(finding["code"] for finding in record["findings"])


@needs_antiword
@needs_soffice
def test_parallel_conversions_do_not_share_a_profile():
    """Two conversions at once (a worker pool): each LibreOffice has its own profile, so both succeed."""
    docx_blocks = extract_docx(read("report_2021.docx")).blocks
    with ThreadPoolExecutor(2) as pool:
        documents = list(pool.map(extract, [read("report_2021.doc")] * 2))
    assert [document.blocks for document in documents] == [docx_blocks, docx_blocks]


# --- refusals ------------------------------------------------------------------------------------


@needs_antiword
def test_ole_file_without_a_word_document_names_antiwords_reason():
    """A Kingsoft WPS file renamed .doc: valid OLE, but no WordDocument stream."""
    with pytest.raises(UnreadableDocument) as err:
        extract(read("wps_renamed.doc"))
    assert str(err.value) == "antiword cannot read this .doc: This OLE file does not contain a Word document"


@needs_antiword
def test_damaged_ole_file_is_unreadable_in_one_line():
    with pytest.raises(UnreadableDocument) as err:
        parse_bytes(read("damaged.doc"), "report.doc")
    message = str(err.value)
    assert message.startswith("antiword cannot read this .doc: Read long 0x") and "\n" not in message


@needs_antiword
def test_not_a_word_file_reason_names_the_file_not_stdin():
    with pytest.raises(UnreadableDocument) as err:
        extract(read("report_2021.docx"))
    message = str(err.value)
    assert message.startswith("antiword cannot read this .doc: the file is not a Word Document.")
    assert "\n" not in message


def test_missing_antiword_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no antiword on the path
    with pytest.raises(UnreadableDocument) as err:
        extract(read("merges.doc"))
    assert str(err.value) == "legacy .doc needs antiword (apt-get install antiword)"
