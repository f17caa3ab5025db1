"""A report record as portals print it: Word-exported HTML (rowspan/colspan, mso- styles, &nbsp; blanks,
<br> in headers), a PDF (reportlab, the CID font STSong-Light, ruled tables with merged cells), a DOCX
(python-docx, merged cells as Word merges them) and a scanned PDF (a picture, no text layer).

Every format is drawn from one list of blocks: ("title" | "heading" | "para" | "sign", text) and
("table", rows), each row a list of printed cells (text, rowspan, colspan), "\\n" between printed lines."""

from __future__ import annotations

import html
import io
import random
from functools import lru_cache

from .reports import OUTCOMES, Report

HEADINGS = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}
APPLICANT_HEADERS = ("商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其他")
OUTCOME_LABELS = {
    "granted": "（一）予以公开",
    "partially_granted": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "withheld_state_secret": "1.属于国家秘密",
    "withheld_prohibited_by_law": "2.其他法律行政法规禁止公开",
    "withheld_security_stability": "3.危及“三安全一稳定”",
    "withheld_third_party": "4.保护第三方合法权益",
    "withheld_internal_affairs": "5.属于三类内部事务信息",
    "withheld_process_info": "6.属于四类过程性信息",
    "withheld_enforcement_files": "7.属于行政执法案卷",
    "withheld_inquiry": "8.属于行政查询事项",
    "unavailable_not_held": "1.本机关不掌握相关政府信息",
    "unavailable_needs_creation": "2.没有现成信息需要另行制作",
    "unavailable_unclear": "3.补正后申请内容仍不明确",
    "not_processed_complaint": "1.信访举报投诉类申请",
    "not_processed_duplicate": "2.重复申请",
    "not_processed_publication": "3.要求提供公开出版物",
    "not_processed_excessive": "4.无正当理由大量反复申请",
    "not_processed_confirmation": "5.要求行政机关确认或重新出具已获取信息",
    "other_no_correction": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "other_unpaid_fee": "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "other_other": "3.其他",
    "other_handling": "（六）其他处理",
}
OUTCOME_GROUPS = (
    (None, OUTCOMES[0:1]),
    (None, OUTCOMES[1:2]),
    ("（三）不予公开", OUTCOMES[2:10]),
    ("（四）无法提供", OUTCOMES[10:13]),
    ("（五）不予处理", OUTCOMES[13:18]),
    ("（六）其他处理", OUTCOMES[18:21]),
)
APPLICANT_ORDER = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")


def cell(text, rowspan: int = 1, colspan: int = 1) -> tuple[str, int, int]:
    return (printed(text), rowspan, colspan)


def printed(value) -> str:
    """A figure as printed: blank for None, money with two decimals."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def active_rows(active: dict, in_yuan: bool = False) -> list[list[tuple]]:
    """Table 2 in four parts, each a 第二十条 row spanning the table and a header row; ``in_yuan`` prints
    the fees in 元 (as many county sites do) instead of 万元."""
    fees = "本年收费金额（单位：元）" if in_yuan else "本年收费金额（单位：万元）"
    rows = [
        [cell("第二十条第（一）项", colspan=4)],
        [cell("信息内容"), cell("本年制发件数"), cell("本年废止件数"), cell("现行有效件数")],
    ]
    for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
        values = active[key]
        rows.append([cell(label), cell(values["issued"]), cell(values["repealed"]), cell(values["in_force"])])
    for item, header, entries in (
        ("第二十条第（五）项", "本年处理决定数量", (("licensing", "行政许可"),)),
        ("第二十条第（六）项", "本年处理决定数量", (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        ("第二十条第（八）项", fees, (("fees", "行政事业性收费"),)),
    ):
        rows.append([cell(item, colspan=4)])
        rows.append([cell("信息内容"), cell(header, colspan=3)])
        for key, label in entries:
            value = next(iter(active[key].values()))
            if key == "fees" and in_yuan:
                value = round(value * 10000)
            rows.append([cell(label), cell(value, colspan=3)])
    return rows


def active_rows_2019(active: dict) -> list[list[tuple]]:
    """Table 2 of the 2019 template: 第二十条 items (一), (五), (六), (八), (九), each with its own header."""
    rows = []
    parts = (
        (
            "第二十条第（一）项",
            ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
            ("regulations", "normative_documents"),
        ),
        ("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("licensing", "other_services")),
        ("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"), ("punishment", "coercion")),
        ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), ("fees",)),
        ("第二十条第（九）项", ("采购项目数量", "采购总金额（万元）"), ("procurement",)),
    )
    labels = {
        "regulations": "规章",
        "normative_documents": "规范性文件",
        "licensing": "行政许可",
        "other_services": "其他对外管理服务事项",
        "punishment": "行政处罚",
        "coercion": "行政强制",
        "fees": "行政事业性收费",
        "procurement": "政府集中采购",
    }
    for item, headers, keys in parts:
        rows.append([cell(item, colspan=4)])
        wide = 4 - len(headers)  # a two-column part lets its last header span the spare column
        rows.append(
            [cell("信息内容"), *(cell(h, colspan=1 + wide * (i == len(headers) - 1)) for i, h in enumerate(headers))]
        )
        for key in keys:
            values = list(active[key].values())
            rows.append(
                [cell(labels[key]), *(cell(v, colspan=1 + wide * (i == len(values) - 1)) for i, v in enumerate(values))]
            )
    return rows


def request_rows(requests: dict) -> list[list[tuple]]:
    """Table 3: the 3×3 corner note, 三、本年度办理结果 spanning 22 rows, merged group labels."""
    figures = lambda key: [cell(requests[key][c]) for c in APPLICANT_ORDER]
    rows = [
        [
            cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            cell("申请人情况", colspan=7),
        ],
        [cell("自然人", rowspan=2), cell("法人或其他组织", colspan=5), cell("总计", rowspan=2)],
        [cell(name) for name in APPLICANT_HEADERS],
        [cell("一、本年新收政府信息公开申请数量", colspan=3), *figures("new_received")],
        [cell("二、上年结转政府信息公开申请数量", colspan=3), *figures("carried_over")],
    ]
    outcome_rows = []
    groups = OUTCOME_GROUPS if "other_handling" not in requests else (*OUTCOME_GROUPS[:-1], (None, ("other_handling",)))
    for group, keys in groups:
        for i, key in enumerate(keys):
            row = [cell(group, rowspan=len(keys))] if group and i == 0 else []
            row += [cell(OUTCOME_LABELS[key], colspan=1 if group else 2), *figures(key)]
            outcome_rows.append(row)
    outcome_rows.append([cell("（七）总计", colspan=2), *figures("total_processed")])
    outcome_rows[0].insert(0, cell("三、本年度办理结果", rowspan=len(outcome_rows)))
    rows += outcome_rows
    rows.append([cell("四、结转下年度继续办理", colspan=3), *figures("carried_forward")])
    return rows


def appeal_rows(appeals: dict) -> list[list[tuple]]:
    outcomes = ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"]
    values = [
        appeals[group][key]
        for group in ("review", "litigation_direct", "litigation_after_review")
        for key in ("upheld", "corrected", "other", "pending", "total")
    ]
    return [
        [cell("行政复议", colspan=5), cell("行政诉讼", colspan=10)],
        [*(cell(o, rowspan=2) for o in outcomes), cell("未经复议直接起诉", colspan=5), cell("复议后起诉", colspan=5)],
        [cell(o) for o in outcomes * 2],
        [cell(v) for v in values],
    ]


def blocks(report: Report, part: str = "all") -> list[tuple]:
    """The report as blocks; ``part`` "text" leaves the tables to an attachment, "tables" is that attachment."""
    out = [("title", report.title)] if part != "tables" else [("title", f"附件：{report.title}统计表")]
    tables = {
        2: active_rows(report.record["active"], in_yuan=report.agency.portal == "vsb")
        if report.template == "2021"
        else active_rows_2019(report.record["active"]),
        3: request_rows(report.record["requests"]),
        4: appeal_rows(report.record["appeals"]),
    }
    if part != "tables":
        out += [("para", p) for p in report.text[0]]
    for number, heading in HEADINGS.items():
        if part == "tables" and number not in tables:
            continue
        out.append(("heading", heading))
        if part != "tables":
            out += [("para", p) for p in report.text[number]]
        if number in tables:
            out.append(("para", "（详见附件统计表）") if part == "text" else ("table", tables[number]))
    if part != "tables":
        out += [("sign", report.agency.name), ("sign", signature_date(report))]
    return out


def signature_date(report: Report) -> str:
    day = report.published
    return f"{day.year}年{day.month}月{day.day}日"


# --- HTML --------------------------------------------------------------------------------------

TD_STYLE = "border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt"


def html_body(report: Report) -> str:
    """The report as a Word-exported HTML fragment (what .TRS_Editor, #vsb_content … hold)."""
    parts = []
    for kind, value in blocks(report)[1:]:  # the page prints the title above the body
        if kind == "table":
            parts.append(html_table(value))
        elif kind == "heading":
            parts.append(
                f'<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0">'
                f'<span style="font-family:黑体;mso-hansi-font-family:黑体">{html.escape(value)}</span></p>'
            )
        elif kind == "sign":
            parts.append(
                f'<p class="MsoNormal" style="text-align:right" align="right"><span>{html.escape(value)}</span></p>'
            )
        else:
            parts.append(
                f'<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly">'
                f'<span style="font-family:仿宋_GB2312;font-size:16.0pt">{html.escape(value)}</span></p>'
            )
    return "\n".join(parts)


def html_table(rows: list[list[tuple]]) -> str:
    out = [
        '<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" width="100%" '
        'style="border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184">',
        "<tbody>",
    ]
    for row in rows:
        cells = []
        for text, rowspan, colspan in row:
            spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            inner = "<br>".join(html.escape(line) for line in text.split("\n")) if text else "&nbsp;"
            cells.append(
                f'<td valign="center"{spans} style="{TD_STYLE}"><p class="MsoNormal" align="center" '
                f'style="text-align:center"><span style="font-size:10.5pt;font-family:宋体">{inner}</span></p></td>'
            )
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


# --- PDF ---------------------------------------------------------------------------------------

FONT = "STSong-Light"


@lru_cache(maxsize=1)
def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = dict(fontName=FONT, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", fontSize=16, leading=24, alignment=1, spaceAfter=12, **base),
        "heading": ParagraphStyle("heading", fontSize=12, leading=20, firstLineIndent=24, spaceBefore=6, **base),
        "para": ParagraphStyle("para", fontSize=11, leading=19, firstLineIndent=22, **base),
        "sign": ParagraphStyle("sign", fontSize=11, leading=19, alignment=2, **base),
        "cell": ParagraphStyle("cell", fontSize=7.5, leading=9.5, alignment=1, **base),
    }


def report_pdf(report: Report, part: str = "all") -> bytes:
    """The report as a PDF, as WPS or Word would export it (A4, ruled tables, merged cells)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = _pdf_styles()
    story = []
    for kind, value in blocks(report, part):
        if kind == "table":
            story += [pdf_table(value, styles["cell"]), Spacer(1, 8)]
        else:
            story.append(Paragraph(html.escape(value), styles[kind]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=60,
        rightMargin=60,
        topMargin=60,
        bottomMargin=60,
        invariant=1,
        title=report.title,
        author=report.agency.name,
    )
    document.build(story)
    return buffer.getvalue()


def pdf_table(rows: list[list[tuple]], style):
    from reportlab.platypus import Paragraph, Table, TableStyle

    positions = grid_positions(rows)
    n_cols = max(c + colspan for row, starts in zip(rows, positions) for (_, _, colspan), (_, c) in zip(row, starts))
    grid = [[""] * n_cols for _ in rows]
    commands = [("GRID", (0, 0), (-1, -1), 0.6, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    for row, starts in zip(rows, positions):
        for (text, rowspan, colspan), (r, c) in zip(row, starts):
            grid[r][c] = Paragraph(html.escape(text).replace("\n", "<br/>"), style)
            if rowspan > 1 or colspan > 1:
                commands.append(("SPAN", (c, r), (c + colspan - 1, r + rowspan - 1)))
    widths = column_widths(n_cols)
    return Table(grid, colWidths=widths, style=TableStyle(commands), repeatRows=0)


def column_widths(n_cols: int) -> list[float]:
    """A4 less margins (475 pt): table 3's three label columns wide, its seven figure columns narrow."""
    if n_cols == 10:
        return [28.0, 62.0, 146.0] + [34.0] * 7
    return [475.0 / n_cols] * n_cols if n_cols != 4 else [145.0, 110.0, 110.0, 110.0]


def grid_positions(rows: list[list[tuple]]) -> list[list[tuple[int, int]]]:
    """Where each printed cell starts in the grid, placed around earlier rowspans as HTML does."""
    taken: set[tuple[int, int]] = set()
    positions = []
    for r, row in enumerate(rows):
        c, starts = 0, []
        for _, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            starts.append((r, c))
            taken.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            c += colspan
        positions.append(starts)
    return positions


def scan_pdf(report: Report) -> bytes:
    """A scanned report: each page one greyish picture of ruled paper, no text layer at all."""
    from PIL import Image, ImageDraw, ImageFilter
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    rng = random.Random(report.id)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for page in range(2):
        image = Image.new("L", (620, 877), 236)
        draw = ImageDraw.Draw(image)
        for y in range(90, 800, 22):  # lines of "text": dark dashes of varying length
            x = 70
            while x < 550:
                width = rng.randint(8, 40)
                draw.rectangle((x, y, x + width, y + 9), fill=rng.randint(40, 90))
                x += width + rng.randint(3, 9)
        if page == 1:  # a ruled table
            for y in range(120, 700, 24):
                draw.line((60, y, 560, y), fill=30, width=2)
            for x in range(60, 561, 50):
                draw.line((x, 120, x, 696), fill=30, width=2)
        image = image.filter(ImageFilter.GaussianBlur(0.8))
        canvas.drawImage(ImageReader(image), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# --- DOCX --------------------------------------------------------------------------------------


def report_docx(report: Report, part: str = "all") -> bytes:
    """The report as a Word document, tables merged as Word merges them (gridSpan, vMerge)."""
    import docx

    document = docx.Document()
    document.core_properties.title = report.title
    document.core_properties.author = report.agency.name
    for kind, value in blocks(report, part):
        if kind == "table":
            add_docx_table(document, value)
        else:
            paragraph = document.add_paragraph()
            paragraph.add_run(value).bold = kind in ("title", "heading")
            if kind == "sign":
                paragraph.alignment = 2
            elif kind == "title":
                paragraph.alignment = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_docx_table(document, rows: list[list[tuple]]) -> None:
    positions = grid_positions(rows)
    n_cols = max(c + colspan for row, starts in zip(rows, positions) for (_, _, colspan), (_, c) in zip(row, starts))
    table = document.add_table(rows=len(rows), cols=n_cols)
    table.style = "Table Grid"
    for row, starts in zip(rows, positions):
        for (text, rowspan, colspan), (r, c) in zip(row, starts):
            target = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                target = target.merge(table.cell(r + rowspan - 1, c + colspan - 1))
            lines = text.split("\n")
            target.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)
