"""A replica of Chinese government portals publishing annual reports, served on localhost (tests, demo, benchmarks).

Every page is generated from report records (``reports.py``) built from one seed, so the replica is the
same on every run and its ground truth is exact. Reports cover 2019–2025: 2019 and 2020 in the 2019
template (〔2019〕60号: 新制作/新公开/对外公开总数, 其他处理 one row), 2021 on in the 2021 template. It imitates shared/spec/portals.md: five CMS styles,
each under its own path prefix and its own ``[[portal]]`` in the registry it ships, plus defences and
failures. Nothing is fetched from outside; one process serves every portal on one host and port.

Python API::

    from nianbao.replica import start_replica, truth, registry_toml

    replica = start_replica(port=0, state=1, slow_seconds=3.0)   # serving in a background thread
    replica.base_url                      # "http://127.0.0.1:54321"
    replica.registry_path                 # a registry.toml written for this base URL (temp file)
    replica.set_state(2)                  # the later state (between two crawls), in-process
    replica.truth()                       # truth(replica.state, replica.base_url)
    replica.stop()

    truth(state=1, base_url="http://127.0.0.1:8750") -> dict   # JSON-ready; also GET /-/truth.json
    registry_toml(base_url) -> str                               # also GET /-/registry.toml

The command ``nianbao replica [--port N] [--state N] [--slow SECONDS] [--write-registry FILE]`` serves in
the foreground until Ctrl-C/SIGTERM and prints its base URL and registry path. A replica running in
another process is moved to a later state by ``POST /-/state/2`` (``GET /-/state`` prints the current).

States: 1 is the first crawl; 2 is a later crawl of the same sites, where one report appears that the
first did not list although it claims an earlier publication date (backdated), and one report's content
changed under the same URL (revised). Everything else is byte-identical between states, except pages
whose chrome changes on every request (below) and one-shot failures (503), which re-arm on each state.

URL layout (prefix → portal style → registry portal name):

/trs/… — TRS WCM static site, 临江区人民政府
    start: /trs/zfxxgk/zfxxgknb/index.html; pages index_1.html … index_{N-1}.html, the count N only in
    ``createPageHTML(N, cur, "index", "html")``; index_N.html and beyond answer a 200 stub. A pinned
    item (信息公开指南) heads every page. Articles are linked relatively: ./202501/t20250120_123456.html,
    with meta ArticleTitle/PubDate/ContentSource/ColumnName, an info table (索　引　号, 发布机构, 成文日期,
    发布日期), body in .TRS_Editor. Attachment-only reports link ./202501/P020250120123456.pdf;
    one shows its PDF only in a pdf.js iframe (/trs/pdfjs/web/viewer.html?file=/trs/…/P0….pdf).
    Also here: one article whose chrome (浏览次数, 今天是…, banner, related links) changes on every request;
    one answering 503 + Retry-After: 1 once per state, then the page; one also reachable as .shtml (same
    article, second URL linked from another article's related links); one whose page links a 200 MB
    attachment (Content-Length advertised, body streamed lazily; the report is in the page itself);
    a listed report under nbbak/ that robots.txt disallows; a listed link that is a soft 404.
/hanweb/… — Hanweb jcms, 东湖市人民政府
    start: /hanweb/col/col1234/index.html, first 15 records in ``<script type="text/xml"><datastore>``
    (``<totalrecord>``, ``<record><![CDATA[<li><a href title>…</a><span>date</span></li>]]>``); the rest
    from /hanweb/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15 (POST form col,
    appid, webid, columnid, unitid; GET answers too), same XML. Articles /hanweb/art/2025/1/31/art_1234_5678.html
    with ZJEG_RSS.content markers and meta Maketime; attachments
    /hanweb/module/download/downfile.jsp?classid=0&filename=<hex>.pdf → 302 → /hanweb/attach/0/<hex>.pdf.
    One article answers only after ``slow_seconds``.
/gkmlpt/… — province-style platform (gkmlpt), 岭南市人民政府信息公开平台
    start: /gkmlpt/index (``window.TREE`` JSON: one sub-column per department {id, name}; ``SID``);
    list API /gkmlpt/api/all/{category}?page=N&sid=SID → JSON {classify: {id, name, post_count},
    articles: [{title, url, created_at, identifier, publisher, attachment: [{name, url}]}]}, 5 per page.
    Articles /gkmlpt/content/9/9103/post_9103540.html; attachments /gkmlpt/attachment/0/<post // 10000>/<post>.pdf|.docx
    (the two-file report: <post>_1.docx the text, <post>_2.pdf the tables).
    Some reports are attachment-only (the page a stub 点击查看附件: title, agency, date); one page has
    TWO attachments (the report text as .docx, its 附件 tables as .pdf) that together make one report.
/vsb/… — 博达 VSB county site in GBK, 青石县人民政府
    start: /vsb/xxgk/zfxxgknb/list.htm, then list/{N-1}.htm … list/1.htm for N pages (numbered downward,
    "共29条 1/6" printed, 下页/尾页 links); articles
    /vsb/info/1085/19513.htm, body #vsb_content; charset only in ``<meta>`` (Content-Type has none).
    Attachments /vsb/system/_content/download.jsp?urltype=news.DownloadAttachUrl&owner=…&wbfileid=…
    (no extension; type from Content-Disposition with a GBK, percent-encoded Chinese file name).
    Fees are printed in 元 here (本年收费金额（单位：元）); the truth's cells are in 万元 as the record's.
    One report is a scanned PDF (an image, no text layer: the parser gives image_only); one article's HTML
    is broken (unclosed tags) and still holds a report.
/jsl/… — 加速乐-style 521, 金川区人民政府: without the cookie every page is 521 with
    ``document.cookie='__jsl_clearance=…';location.href=…``; with that cookie set, a plain list
    /jsl/xxgk/nb/list.html?page=N with 下一页/尾页 links.
/waf/… — a WAF 302, 玉泉区人民政府: without cookie ``waf_token`` every page 302s to itself setting it.
/rs/… — 瑞数-style challenge, 石门区人民政府: every request 412 with ``$_ts=window['$_ts']`` and a cookie
    ending in S, never passable → blocked; its agencies must be reported unreachable, never missing.
/dead/… — 白沙区人民政府: the start URL answers 404 (column moved); unreachable, never missing.
/robots.txt — ``Disallow: /trs/zfxxgk/zfxxgknb/nbbak/``.
/-/truth.json, /-/registry.toml, /-/state, POST /-/state/N — the replica's own endpoints (not a portal).

Truth (``truth(state, base_url)``), JSON-ready::

    {"state": 1, "base_url": …, "seed": …, "years": [2021, …, 2025],
     "reports": [{"id": "trs-czj-2023",                 # stable id of the report page
                  "url": article page URL (absolute), "aliases": [other URLs of the same page],
                  "attachments": [URLs on the page that carry the report's text or tables],
                  "file_url": the URL whose bytes hold the tables (the page or an attachment),
                  "format": "html" | "pdf" | "docx" | "scan-pdf" | "two-files",
                  "template": "2021" | "2019",  "title": the full report title,
                  "agency", "kind" ("government"|"department"), "region", "portal", "year",
                  "published_at": "YYYY-MM-DD", "published_at_printed": as the page prints it,
                  "states": [1, 2] (in which states the column lists it),
                  "fetchable": false when robots.txt disallows it (it must not be fetched),
                  "in_registry": whether its agency is a registry agency,
                  "planted": ["late", …] (see PLANTED in reports.py),
                  "findings": [one-report finding codes `nianbao check` must give; [] for clean reports],
                  "cells": {flattened cell key: value} (what the parse must give; {} for a scan)}],
     "not_reports": [{"url", "title", "why"}],         # look-alikes, guides, soft 404s: never archived
     "portals": [{"name", "style", "prefix", "start_urls", "defence", "reachable",
                  "list_pages": {"1": [every list page / list API URL in state 1], "2": [...]}}],
     "alerts": {"2026-04-15": [{"code", "agency", "year"}], "2026-01-15": [...]}}

``alerts`` are the archive-level alerts (checks.md, "Across the archive") expected after crawling state 1
then state 2 and running the monitor with that as-of date; the other codes must not be raised.
``unreachable`` alerts have year null. A ``copied_text`` alert names the copying agency (``copy_of`` the
other). ``findings`` of a "two-files" report are those of the text and the tables read as one report; the
scanned report's file gives only ``image_only`` (its agency, year and date are on its page). Reports of
agencies outside the registry: 临江区档案馆 2024 (behind robots.txt). The column also lists a soft-404 link
(临江区司法局), given in not_reports.

Registry (``registry_toml(base_url)``): one [[portal]] per prefix above (delay 0.05, concurrency 2), one
[[agency]] per expected body (kind, region, portal, since; a merged body has until and successor);
[settings] grace_days = 0. A report of an agency outside the registry is in the truth with in_registry false.
"""

from .server import Replica, start_replica
from .truth import registry_toml, truth

__all__ = ["Replica", "start_replica", "truth", "registry_toml"]
