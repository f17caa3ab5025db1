"""The layout generator: the same numbers rendered the ways portals and converters print them, parsed
back, and every cell compared. The property, for every case: each cell is the rendered value, or null
with a ``malformed_table`` finding naming its row; never another number. A layout that loses nothing
must be read whole, and a report made inconsistent on purpose must get its relation finding."""

from __future__ import annotations

import copy
from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from layout_doc import Layout, document
from layout_model import Report, consistent_report, truth_reports, with_blanks
from layout_render import to_docx, to_html, to_pdf, to_text, value_runs
from nianbao.checks import run_checks
from nianbao.parsing import parse_bytes
from nianbao.parsing.record import flat_cells
from nianbao.parsing.template import REQUEST_COLUMNS
from nianbao.parsing.values import cell_value

TRUTH = truth_reports()
RELATIONS = {"balance", "row_sum", "total_sum", "appeals_sum"}
TEXT_STYLES = ("tab", "pipe", "lines", "spaced", "run", "glued")


def reports():
    return st.one_of(st.sampled_from(TRUTH), consistent_report()).flatmap(with_blanks)


COPY_DAMAGE = ("drop", "merge", "tear", "tear-below", "tear-split", "lose-blank")
LINES_DAMAGE = (*COPY_DAMAGE, "break", "collapse", "year")  # a copy one cell per line (layout_doc.damaged)


@st.composite
def layouts(draw, report: Report, damage: bool = True, how: str = "") -> Layout:
    rows = report.request_rows()
    layout = Layout(
        blank=draw(st.sampled_from(("", "—", "/", "0" if False else ""))),
        appeals_as_three=draw(st.booleans()),
        repeat_header_before=draw(st.none() | st.integers(1, max(1, len(rows) - 1))) if rows else None,
        invented_header=draw(st.booleans()),
    )
    if damage and rows and draw(st.booleans()):
        kinds = st.sampled_from(LINES_DAMAGE if how == "text-lines" else COPY_DAMAGE)
        layout.damage = draw(st.lists(st.tuples(kinds, st.sampled_from(rows), st.integers(0, 6)), max_size=3))
    if damage and how == "docx":
        layout.merged_values = tuple(draw(st.lists(st.booleans(), max_size=24)))
        if rows and not draw(st.integers(0, 3)):
            together = st.tuples(st.sampled_from(rows), st.sampled_from(REQUEST_COLUMNS), st.integers(2, 3))
            layout.summed_values = tuple(draw(st.lists(together, min_size=1, max_size=2)))
    return layout


def parsed(data: bytes, name: str) -> dict:
    record = parse_bytes(data, name)
    record["findings"] = run_checks(record)
    return record


def named_rows(record: dict) -> set[tuple[str, str]]:
    """The rows a malformed_table finding names for their nulls: those left unplaced, and those placed
    from fewer cells than the template has (a cell the copy lost is null where the reading lost it; a
    0 dropped among zeros is one of them, whichever column it stood in). A row of numbers torn from its
    label and not placed names the template rows its position leaves it (``could_be``)."""
    rows = set()
    for finding in record["findings"]:
        if finding["code"] == "malformed_table":
            for m in finding["evidence"]["rows"]:
                if not m["placed"] or m.get("seen_cells", m.get("expected_cells", 0)) < m.get("expected_cells", 0):
                    rows |= {(m["table"], m["row"])} | {(m["table"], key) for key in m.get("could_be", ())}
    return rows


def same(have, want) -> bool:
    if want is None or have is None:
        return have is want
    return abs(have - want) < 1e-6


def assert_property(
    report: Report, record: dict, lossless: bool, lost: frozenset = frozenset(), nulls_named: bool = True
) -> None:
    """Each cell the rendered value, or null with malformed_table naming its row; never another number.
    A cell the damage dropped (``lost``) was not printed: null is its only right reading."""
    got = flat_cells(record)
    named = named_rows(record)
    wrong, unexplained = [], []
    for key, want in report.cells().items():
        have = got.get(key)
        if same(have, want):
            continue
        if key in lost and have is None:
            continue
        if have is not None:
            wrong.append(f"{key}: rendered {want!r}, parsed {have!r}")
            continue
        table, row, _ = key.split(".")
        if lossless or not ({(table, row), (table, "all groups"), (table, "(no label)")} & named):
            unexplained.append(f"{key}: rendered {want!r}, parsed null")
    extra = [f"{k}: not printed, parsed {v!r}" for k, v in got.items() if v is not None and k not in report.cells()]
    assert not wrong and not extra, f"{report.name}: wrong numbers: {wrong + extra}"
    assert not (unexplained and nulls_named), (
        f"{report.name}: nulls without a malformed_table finding naming the row: {unexplained}"
    )


def render(report: Report, layout: Layout, how: str) -> tuple[bytes, str, bool]:
    """The bytes, a file name, and whether the layout keeps every cell recoverable."""
    layout.grid = how in GRID
    pieces = document(report, layout)
    blanks = any(v is None for v in report.cells().values())
    if blank_beside_a_label(report) and how not in GRID:
        layout.damage.append(("blank beside a label", "", 0))  # padding or a blank value: cannot be told
    if how.startswith("html"):
        spans, word, gbk = how == "html-spans", how == "html-word", how == "html-gbk"
        # padding cells without the rowspans: which blank is padding cannot be told by the grid either
        return (
            to_html(pieces, spans=spans or gbk, word=word, gbk=gbk),
            "r.html",
            not layout.lossy and (how in GRID or not blanks),
        )
    if how == "docx":
        merges_judged = layout.summed_values or merged_where_a_relation_breaks(report, pieces, layout.merged_values)
        lossless = not layout.lossy and not merges_judged
        return to_docx(pieces, layout.merged_values, layout.summed_values), "r.docx", lossless
    style = how.split("-")[1]
    lossless = not layout.lossy and (style in ("tab", "pipe") or not blanks) and style not in ("run", "glued")
    return to_text(pieces, style), "r.txt", lossless


def merged_where_a_relation_breaks(report: Report, pieces: list, merged: tuple[bool, ...]) -> bool:
    """A number other than 0 merged down over rows where no relation confirms it each row's, so that it may
    as well be their figure together (null, named): in table 2 (no relations), or over table-3 rows one of
    which has a blank cell (its sum then unjudged) of a report that breaks a relation itself."""
    runs = [run for run, merge in zip(value_runs(pieces), merged) if merge and cell_value(run.text)]
    if any(run.piece.grid.table != "requests" for run in runs):
        return True
    rows = [run.piece.grid.keys[r] for run in runs for r in range(run.first, run.last + 1)]
    blank = any(None in report.requests[key].values() for key in rows)
    return bool(rows) and (blank or bool(relation_findings(report) - {"appeals_sum"}))


def relation_findings(report: Report) -> set[str]:
    """The relation findings the report's own numbers get (balance, row and column sums)."""
    truth = {"format": report.fmt, "requests": report.requests, "appeals": report.appeals, "active": report.active}
    return relation_codes(run_checks({**truth, "findings": []}))


def relation_codes(findings: list[dict]) -> set[str]:
    return {finding["code"] for finding in findings} & RELATIONS


def blank_beside_a_label(report: Report) -> bool:
    """A row of table 2 or 3 whose first value is blank and another is not: that blank may be the
    label's padding (table 4's row of fifteen is read as printed: a blank 行政复议 group is common)."""
    rows = [list(r.values()) for r in [*report.active.values(), *report.requests.values()]]
    return any(len(row) > 1 and row[0] is None and any(v is not None for v in row) for row in rows)


# Layouts whose tables are a consistent grid: each value is read by the header column it sits under,
# so a blank beside a label or at a row's end is told from padding.
GRID = ("html-spans", "html-word", "html-gbk", "docx")
HOW = ("html-spans", "html-padded", "html-word", "html-gbk", "docx", *(f"text-{s}" for s in TEXT_STYLES))


@given(data=st.data())
def test_html_docx_and_text_layouts_never_give_a_wrong_number(data):
    report = data.draw(reports())
    how = data.draw(st.sampled_from(HOW))
    layout = data.draw(layouts(report, how=how))
    rendered, name, lossless = render(report, layout, how)
    raw = data.draw(with_page_furniture(rendered)) if how.startswith("text") else rendered
    record = parsed(raw, name)
    # a row printed with a blank cell is one whose sum the copy may show broken: read as a careful reader reads it
    assert_property(as_a_reader_reads(report, record, layout, how, rendered), record, lossless, frozenset(layout.lost))


# Text copies that lose the table's shape most: one cell per line, rows run together or glued to their labels.
DAMAGED_TEXT = ("text-lines", "text-glued", "text-run")


@settings(max_examples=max(20, settings.default.max_examples // 3))
@given(data=st.data())
def test_text_copies_always_damaged_never_give_a_wrong_number(data):
    """The text copies that lose the table's shape most, each with one to four mutations (the test above
    draws none half the time): where labels torn, cut or dropped cells met counting, joining and the pieces
    of labels, deep searches of these found three wrong numbers and three rows lost unnamed."""
    report = data.draw(reports())
    assume(report.request_rows())
    how = data.draw(st.sampled_from(DAMAGED_TEXT))
    layout = data.draw(layouts(report, damage=False, how=how))
    kinds = st.sampled_from(LINES_DAMAGE if how == "text-lines" else COPY_DAMAGE)
    mutation = st.tuples(kinds, st.sampled_from(report.request_rows()), st.integers(0, 6))
    layout.damage = data.draw(st.lists(mutation, min_size=1, max_size=4))
    rendered, name, lossless = render(report, layout, how)
    raw = data.draw(with_page_furniture(rendered))
    record = parsed(raw, name)
    assert_property(as_a_reader_reads(report, record, layout, how, rendered), record, lossless, frozenset(layout.lost))


@st.composite
def with_page_furniture(draw, raw: bytes) -> bytes:
    """Sometimes a text dump's table 3 cut by a page break, as a PDF copied out as text leaves it: a page
    number, or the title again as the next page's running header, on a line of its own anywhere in it."""
    lines = raw.decode("utf-8").split("\n")
    heads = [i for i, line in enumerate(lines) if line.startswith(("三、", "四、"))]
    if len(heads) < 2 or draw(st.booleans()):
        return raw
    title = lines[0]
    furniture = draw(st.sampled_from(("- 2 -", "—2—", "第2页 共5页", title, title[max(title.find("20"), 0) :])))
    at = draw(st.integers(heads[0] + 1, heads[1]))
    return "\n".join([*lines[:at], furniture, *lines[at:]]).encode("utf-8")


def test_docx_values_merged_down_each_run_of_equal_values_are_each_rows():
    """Every report with hand-read truth in Word, each run of equal values down a column merged into one
    cell (whole columns of 0s in table 3): each row reads the merged value, nothing null (main read the
    value in the run's first row only, and dropped rows whose values were all merged, unnamed)."""
    for report in TRUTH:
        layout = Layout(grid=True)
        pieces = document(report, layout)
        layout.merged_values = (True,) * len(value_runs(pieces))
        raw, name, lossless = render(report, layout, "docx")
        assert lossless
        assert_property(report, parsed(raw, name), lossless=True)


@settings(max_examples=max(8, settings.default.max_examples // 5))
@given(report=reports(), repeat=st.booleans(), running=st.booleans(), data=st.data())
def test_ruled_pdf_layouts_never_give_a_wrong_number(report, repeat, running, data):
    """Ruled tables over pages, header repeated or not, a running page header; text before the tables
    of some length, and a page break forced anywhere in table 3, merged labels split by it."""
    layout = data.draw(layouts(report, damage=False))
    layout.grid = True  # a PDF draws its tables as grids of spanned cells
    layout.filler = data.draw(st.integers(0, 40))
    cut = forced_break(report, data)
    try:
        raw = to_pdf(
            document(report, layout), ruled=True, repeat_header=repeat, running_header=running, break_before=cut
        )
    except IndexError:  # reportlab cannot split some spanned rows over a page: a limit of the generator
        assume(False)
    # an invented header row's words wrap inside ruled cells and can tear the row below it: read, but not
    # always whole (its nulls must still be named)
    lossless = not layout.invented_header and not blank_beside_a_label(report)
    assert_property(report, parsed(raw, "r.pdf"), lossless=lossless)


def forced_break(report: Report, data) -> int | None:
    """Sometimes a page break forced before a table-3 row (its index), as a converter's page may end anywhere."""
    rows = len(report.request_rows())
    return data.draw(st.none() | st.integers(1, rows - 1)) if rows > 1 else None


@st.composite
def shifted_over_a_blank_column(draw, report: Report) -> tuple[Report, str | None]:
    """Sometimes a table-3 row printed one column right, with a column left blank in every other row
    of the table: the shifted row alone then fills every column its numbers and theirs make (with the
    first column blank, its columns look like the table's, one off)."""
    rows = report.request_rows()
    if not rows or draw(st.integers(0, 2)):
        return report, None
    shifted, column = draw(st.sampled_from(rows)), draw(st.sampled_from(list(report.requests[rows[0]])))
    report = copy.deepcopy(report)
    for key in rows:
        if key != shifted:
            report.requests[key][column] = None
    return report, shifted


@settings(max_examples=max(8, settings.default.max_examples // 5))
@given(report=reports(), repeat=st.booleans(), running=st.booleans(), data=st.data())
def test_borderless_pdf_tables_never_give_a_wrong_number(report, repeat, running, data):
    """Tables without rules, read from where their words stand: numbers left-, right- or centre-aligned,
    cells set in the middle or at the top, with padding or as tight as Word's (rows as close as the
    lines of a wrapped label), over pages (by their length, or a break forced anywhere in table 3), header
    repeated or not, a table-3 row shifted one column right over a column blank in the other rows.

    Read whole unless: a blank cell printed as nothing (no mark) leaves no word, so a column blank in
    every row of a table piece is located by its header cell alone, which a piece without a header
    (the header not repeated over a page break) lacks; a blank beside a label may be padding (as in
    ruled tables) or, under the header cells, a row printed one column right, its 总计 blank; a shifted row is read in order, or not at all where it has blanks. Then the nulls
    must be named. A header printed again or invented mid-table starts the merged labels again below
    it, as a drawn table does (run on through it, they shifted the header and the last row a column
    apart, under each other's cells, which no real table prints)."""
    report, shifted = data.draw(shifted_over_a_blank_column(report))
    layout = data.draw(layouts(report, damage=False))
    layout.grid = True  # a PDF draws its tables as grids of spanned cells
    layout.shifted = shifted
    cut = forced_break(report, data)
    try:
        raw = to_pdf(
            document(report, layout),
            ruled=False,
            repeat_header=repeat,
            running_header=running,
            break_before=cut,
            align=data.draw(st.sampled_from(("LEFT", "CENTER", "RIGHT"))),
            valign=data.draw(st.sampled_from(("MIDDLE", "TOP"))),
            tight=data.draw(st.booleans()),
        )
    except IndexError:
        assume(False)
    unmarked_blanks = not layout.blank and any(v is None for v in report.cells().values())
    lossless = not (unmarked_blanks or blank_beside_a_label(report) or layout.lossy)
    assert_property(report, parsed(raw, "r.pdf"), lossless=lossless)


@settings(max_examples=max(20, settings.default.max_examples // 8))
@given(report=consistent_report(), data=st.data())
def test_a_report_made_inconsistent_gets_its_relation_finding(report, data):
    broken = copy.deepcopy(report)
    row = data.draw(st.sampled_from(broken.request_rows()))
    column = data.draw(st.sampled_from(list(broken.requests[row])))
    broken.requests[row][column] += data.draw(st.integers(1, 9))
    how = data.draw(st.sampled_from(("html-spans", "html-word", "docx", "text-tab")))
    raw, name, _ = render(broken, data.draw(layouts(broken, damage=False)), how)
    record = parsed(raw, name)
    assert_property(broken, record, lossless=True)
    expected = relation_findings(broken)
    assert expected and expected <= {f["code"] for f in record["findings"]}


@st.composite
def inconsistent_report(draw) -> Report:
    """A report inconsistent in itself, as real ones are (seed 001): one to three table-3 cells a few off,
    then blank cells where Word's padding hides them."""
    report = copy.deepcopy(draw(st.one_of(st.sampled_from(TRUTH), consistent_report())))
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.sampled_from(report.request_rows()))
        column = draw(st.sampled_from(list(report.requests[row])))
        if report.requests[row][column] is not None:
            report.requests[row][column] = max(0, report.requests[row][column] + draw(st.integers(-3, 9)))
    return draw(with_blanks(report))


@settings(max_examples=max(20, settings.default.max_examples // 4))
@given(report=inconsistent_report(), data=st.data())
def test_a_report_inconsistent_in_itself_never_gives_a_wrong_number_in_any_layout(report, data):
    """A reading must not win because it leaves a relation the report breaks itself unjudged: never a
    wrong number. Rows a copy lets be read only by their sums (one cell per line) are null there, named."""
    how = data.draw(st.sampled_from(HOW))
    layout = data.draw(layouts(report, how=how))
    raw, name, _ = render(report, layout, how)
    record = parsed(raw, name)
    assert_property(as_a_reader_reads(report, record, layout, how, raw), record, False, frozenset(layout.lost))


def as_a_reader_reads(report: Report, record: dict, layout: Layout, how: str, raw: bytes) -> Report:
    """The report a careful reader reads from this copy: where the row as printed breaks its sum (the report
    breaks it itself, or the copy dropped one of its values) and the copy, byte for byte, is that of a row
    keeping its sum with other numbers, printed whole (digits run together, a blank cell printed as nothing:
    blank 0 15 3 0 7 16, whose sum is broken, prints 01530716, as 0 1 5 3 0 7 16 does; 0 140 41 0 6 2 189 with
    its 2 dropped prints 01404106189, as 0 14 0 4 10 61 89 does), and nothing else in the copy tells the two
    apart (the table as read breaks no relation the report keeps), a reader reads the row whose sum holds, and
    so may the parser. Holding the parser to the other would mean leaving every run that no column relation
    judges null (3 points of text-dump recovery). Rendering the other report must give the same bytes."""
    twin, whole = copy.deepcopy(report), []
    for key, row in report.requests.items():
        read = record["requests"].get(key)
        dropped = any(kind == "drop" and at == key for kind, at, _ in layout.damage)
        if read and (dropped or not keeps_its_sum(row)) and keeps_its_sum(read) and None not in read.values():
            twin.requests[key] = dict(read)
            whole += [key] if dropped else []
    if twin.requests == report.requests or relation_codes(record["findings"]) - relation_findings(report):
        return report
    printed_whole = replace(
        layout, damage=[d for d in layout.damage if d[0] != "drop" or d[1] not in whole], lost=set()
    )
    return twin if render(twin, printed_whole, how)[0] == raw else report


def keeps_its_sum(row: dict) -> bool:
    *parts, total = (value or 0 for value in row.values())
    return sum(parts) == total


def test_a_borderless_row_shifted_right_over_a_column_blank_in_the_other_rows():
    """The case the shift mutation draws, fixed: 予以公开 printed one column right, a column blank in
    every other row. With 自然人 the blank column and no header, the shifted row alone made the
    columns, one off, and the other rows got their neighbours' values. The shifted row, past the last
    header cell, is read in order (whole, as it has no blank); the header places the other rows (one
    blank beside its label only where the table's relations rule out its being printed one column right)."""
    for column in ("natural_person", "total"):
        report = copy.deepcopy(next(r for r in TRUTH if r.name == "seeds/000"))
        for key in report.request_rows():
            if key != "granted":
                report.requests[key][column] = None
        for repeat in (False, True):
            layout = Layout(blank="", shifted="granted")
            raw = to_pdf(document(report, layout), ruled=False, repeat_header=repeat, align="RIGHT")
            record = parsed(raw, "r.pdf")
            assert_property(report, record, lossless=False)
            read = flat_cells(record)
            assert read["requests.granted.total"] == report.requests["granted"]["total"]
            if column == "total":
                assert read["requests.new_received.natural_person"] == report.requests["new_received"]["natural_person"]


def test_a_borderless_row_blank_beside_its_label_is_read_by_the_header_cells_its_numbers_stand_under():
    """A deep run's case (the shift mutation with with_blanks): sample 22, 一、本年新收 printed one column
    right, 社会公益组织 blank in every other row, and 予以公开, 没有现成信息… and 重复申请 blank beside their
    labels. Read by counting, a blank beside a label may be padding with a cell lost; the readings that
    moved the row's numbers a column were judged by relations the blank column leaves unjudged, and one
    was placed: 予以公开's 其他 3 read as 1362 (its 总计); main left the rows null. The borderless reader
    placed each number under its header cell, so a row is read as placed or as printed one column right
    (its 总计 blank past the header), never with a number moved on its own; here the relations rule the
    shift out, and the rows are read whole."""
    report = copy.deepcopy(next(r for r in TRUTH if r.name == "samples/22"))
    for key in report.request_rows():
        if key != "new_received":
            report.requests[key]["social_welfare"] = None
    for key in ("granted", "unavailable_needs_creation", "not_processed_duplicate"):
        report.requests[key]["natural_person"] = None
    for align, valign in (("LEFT", "MIDDLE"), ("RIGHT", "TOP")):
        layout = Layout(blank="", grid=True, shifted="new_received")
        raw = to_pdf(document(report, layout), ruled=False, repeat_header=False, align=align, valign=valign)
        record = parsed(raw, "r.pdf")
        assert_property(report, record, lossless=False)
        for key in ("granted", "unavailable_needs_creation", "not_processed_duplicate"):
            assert record["requests"].get(key) == report.requests[key]
