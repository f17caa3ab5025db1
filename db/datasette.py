"""What Datasette shows of the archive: titles and column descriptions (中文 / English), facets and
canned queries — one Python source, so moving to Datasette 1.0's datasette.yaml stays mechanical.

    >>> metadata("nianbao")["databases"]["nianbao"]["queries"]["balance_failures"]["title"]
    '勾稽关系不平的年报 / Reports whose balance (勾稽关系) fails'
"""

from __future__ import annotations

# Datasette settings: facets are configured, not suggested (suggesting costs ~10x per page, see
# anchors-ecosystem.md §5.1); long report texts are cut in HTML pages (JSON keeps them whole).
SETTINGS = {
    "suggest_facets": False,
    "truncate_cells_html": 300,
    "sql_time_limit_ms": 3000,
    "facet_time_limit_ms": 1000,
    "allow_download": False,
    "default_page_size": 50,
}

AGENCY_COLUMNS = {
    "agency": "机构（年报所署名称） / reporting body, as the report names it",
    "region": "地区 / region, province/city/district",
    "kind": "机构类别：government 本级政府（3月31日前）, department 部门（1月31日前） / agency kind and its deadline",
    "year": "年报所属年度 / year the report covers",
}

TABLES = {
    "reports": {
        "title": "年报（每个版本一行） / Reports, one row per version",
        "description": "每份年报的每个内容版本；同一网址内容变化时新增版本，旧版本保留。"
        " Each content version of each report; a changed report adds a version and keeps the old.",
        "sort_desc": "id",
        "facets": ["year", "format"],
        # the search box goes through the per-character index: nianbao serve's plugin (monitor/outputs)
        # folds full-width forms and turns each term into a phrase of characters, so 1 and 2 characters answer
        "fts_table": "reports_chars_fts",
        "fts_pk": "id",
        "columns": {
            "agency_id": "机构 / agency (agencies.id)",
            "year": AGENCY_COLUMNS["year"],
            "title": "标题 / title",
            "url": "文章页或附件网址（本地文件为 file://） / article page or attachment URL (file:// for local files)",
            "format": "表格模板：2021（国办公开办函〔2021〕30号）或 2019 / national table template",
            "published_at": "发布日期 / publication date",
            "first_seen": "首次抓取到该版本的时间（UTC） / first fetch that saw this version (UTC)",
            "last_seen": "最近一次抓取到该版本的时间（UTC） / last fetch that saw it (UTC)",
            "sha256": "原始文件的 SHA-256 / SHA-256 of the raw bytes (blobs)",
            "content_hash": "正文与表格内容的摘要（页面装饰不计） / hash of text and cells, page chrome aside",
            "version": "版本号（同一机构、年度、网址） / version per agency, year and URL",
            "record": "解析结果（JSON） / the parsed report record (JSON)",
            "text": "全文 / full text",
        },
    },
    "report_list": {
        "title": "年报一览 / Reports with their agency",
        "description": "可按地区、机构类别、年度分面。 Facet by region, agency kind and year.",
        "facets": ["region", "kind", "year", "format"],
        "sort_desc": "report_id",
        "fts_table": "reports_chars_fts",
        "fts_pk": "report_id",
        "columns": {**AGENCY_COLUMNS, "findings": "检查发现（代码） / finding codes of the report"},
    },
    "finding_list": {
        "title": "检查发现一览 / Findings with their agency",
        "description": "勾稽关系、合计、缺项、逾期等检查发现。 What the checks found (codes: checks.md).",
        "facets": ["code", "severity", "region", "kind", "year"],
        "sort_desc": "finding_id",
        "columns": {
            **AGENCY_COLUMNS,
            "code": "发现代码 / finding code (balance, late, missing …)",
            "severity": "严重程度 error / warning / info",
            "evidence": "证据（JSON） / evidence",
        },
    },
    "agencies": {
        "title": "机构 / Agencies",
        "description": "名录中的机构（in_registry=1）与在门户上发现的机构。 Registry agencies and agencies found on portals.",
        "facets": ["region", "kind", "in_registry"],
        "columns": {
            "name": "名称 / name",
            "kind": AGENCY_COLUMNS["kind"],
            "region": AGENCY_COLUMNS["region"],
            "portal": "门户 / portal",
            "since": "应报告的首个年度 / first year a report is due",
            "in_registry": "1 = 名录中, 0 = 发现的 / 1 in the registry, 0 discovered",
        },
    },
    "cells": {
        "title": "表格单元格（长表） / Table cells, long form",
        "description": "每份年报每个单元格一行；value 为现行值（人工更正优先）。 One row per cell; value is the one in force.",
        "columns": {
            "key": "单元格键，如 requests.new_received.total / flattened key",
            "value": "现行值（有人工更正时为更正值） / value in force (a correction's, else the parser's)",
            "parsed": "解析所得值 / value the parser read",
            "corrected": "1 = 已人工更正 / 1 when a person corrected it",
        },
    },
    "findings": {
        "title": "检查发现 / Findings",
        "facets": ["code", "severity", "year"],
        "columns": {
            "code": "发现代码 / finding code",
            "evidence": "证据（JSON） / evidence",
            "scope": "report 单份年报检查, archive 跨档案检查 / one-report or archive-level check",
        },
    },
    "alerts": {
        "title": "提醒 / Alerts for the oversight office",
        "facets": ["status", "code", "severity", "year"],
        "columns": {"status": "open / acknowledged / dismissed / resolved", "note": "处理说明 / a person's note"},
    },
    "fetches": {
        "title": "抓取记录 / Fetches (HTTP exchanges and ingested files)",
        "facets": ["outcome", "status"],
        "sort_desc": "id",
        "columns": {
            "outcome": "结果 / outcome (ok, not_modified, not_found, soft_404, blocked, server_error, timeout,"
            " too_large, unreadable, parser_error, too_complex …)",
            "reason": "失败或无法解析的原因 / why it failed or could not be read",
            "fetched_at": "抓取时间（UTC） / fetch time (UTC)",
            "portal": "门户（名录中的名称） / the registry portal crawled",
            "role": "页面类型 / list, article, attachment, robots, or a local file",
            "file_name": "文件名（已解码） / the file name, decoded",
            "file_name_bytes": "文件名原始字节（非 UTF-8 时） / the file name's raw bytes when they were not UTF-8 (GBK …)",
        },
    },
    "listings": {
        "title": "栏目列表快照 / What each crawl saw on list pages",
        "facets": ["portal"],
        "columns": {
            "listed_date": "列表所示日期 / the date the list prints",
            "seen_at": "抓取时间（UTC） / when the crawl saw it",
        },
    },
    "corrections": {
        "title": "人工更正 / Corrections by hand",
        "columns": {"note": "更正理由 / why", "made_by": "更正人 / who", "made_at": "时间 / when"},
    },
    "runs": {"title": "运行记录 / Runs (ingest, crawl, monitor)", "facets": ["kind", "outcome"], "sort_desc": "id"},
    "blobs": {"title": "原始文件（zlib 压缩） / Raw bytes as fetched (zlib-compressed)"},
    "_sqlite_migrations": {"hidden": True},
}

QUERIES = {
    "balance_failures": {
        "title": "勾稽关系不平的年报 / Reports whose balance (勾稽关系) fails",
        "description": "本年新收 + 上年结转 ≠ 办理结果总计 + 结转下年度。地区可留空或填前缀，如 宁夏回族自治区/银川市。"
        " new_received + carried_over ≠ total_processed + carried_forward; region: blank or a prefix.",
        "sql": """
SELECT r.id AS report_id, a.name AS agency, a.region, r.year, r.version, f.message, f.evidence, r.url
FROM findings f JOIN reports r ON r.id = f.report_id LEFT JOIN agencies a ON a.id = r.agency_id
WHERE f.code = 'balance' AND (:region = '' OR a.region LIKE :region || '%')
ORDER BY a.region, a.name, r.year""",
    },
    "late_reports": {
        "title": "逾期发布的年报（按地区） / Late reports by region",
        "description": "发布日期晚于法定期限（部门1月31日，本级政府及2018年及以前的年报3月31日），"
        "期限与监测相同：含地区自定期限与宽限天数（nianbao_deadline，由 nianbao monitor 写入的规则）；"
        "无发布日期时按首次抓取日（北京时间）。 Published after the deadline the monitor applies"
        " (statute, regional overrides, grace: nianbao_deadline); first-seen day when none is printed.",
        "sql": """
SELECT region, agency, kind, year, published, last_on_time_day,
       CAST(julianday(published) - julianday(last_on_time_day) AS INTEGER) + grace_days AS days_late, url, report_id
FROM (
  SELECT a.region, a.name AS agency, a.kind, r.year, r.url, r.id AS report_id,
         substr(coalesce(r.published_at, date(r.first_seen, '+8 hours')), 1, 10) AS published,
         nianbao_deadline(a.kind, a.region, r.year) AS last_on_time_day,
         coalesce((SELECT CAST(value AS INTEGER) FROM monitor_settings WHERE key = 'grace_days'), 0) AS grace_days
  FROM reports r JOIN agencies a ON a.id = r.agency_id
  WHERE r.version = 1 AND r.year IS NOT NULL AND (:region = '' OR a.region LIKE :region || '%')
)
WHERE published > last_on_time_day
ORDER BY region, days_late DESC""",
    },
    "requests_per_year": {
        "title": "某机构历年依申请公开数量 / Requests per year for one agency",
        "description": "机构名称的一部分，如 西夏区信访局。 Part of the agency's name.",
        "sql": """
SELECT a.name AS agency, a.region, r.year,
       max(CASE WHEN c.key = 'requests.new_received.total' THEN c.value END) AS new_requests,
       max(CASE WHEN c.key = 'requests.carried_over.total' THEN c.value END) AS carried_over,
       max(CASE WHEN c.key = 'requests.granted.total' THEN c.value END) AS granted,
       max(CASE WHEN c.key = 'requests.total_processed.total' THEN c.value END) AS total_processed,
       max(CASE WHEN c.key = 'requests.carried_forward.total' THEN c.value END) AS carried_forward,
       max(c.corrected) AS corrected, r.url, r.id AS report_id
FROM agencies a JOIN reports r ON r.agency_id = a.id JOIN cells c ON c.report_id = r.id
WHERE r.agency_id IN (SELECT id FROM agencies WHERE name LIKE '%' || :agency || '%')  -- agencies first
  AND r.id = (SELECT id FROM reports r2 WHERE r2.agency_id = r.agency_id AND r2.year IS r.year
              ORDER BY last_seen DESC, id DESC LIMIT 1)
GROUP BY r.id
ORDER BY a.name, r.year""",
    },
    "search": {
        "title": "全文检索 / Full-text search",
        "description": "标题与全文，一个字起即可检索；全角半角通用（２０２４ 与 2024 相同）。"
        " Titles and text, from one character up, full-width and half-width forms alike; newest first."
        " Three Han characters or more use the trigram index, everything else the per-character index (NFKC).",
        "sql": """
SELECT r.id AS report_id, a.name AS agency, a.region, r.year, r.title,
       substr(r.text, max(1, instr(r.text, :q) - 30), 80) AS snippet, r.url
FROM (
  SELECT * FROM (SELECT rowid AS id FROM reports_fts
                 WHERE length(:q) >= 3 AND NOT :q GLOB '*[^一-鿿]*'
                   AND reports_fts MATCH '"' || replace(:q, '"', '""') || '"'
                 ORDER BY rowid DESC LIMIT 200)
  UNION ALL
  SELECT * FROM (SELECT rowid AS id FROM reports_chars_fts
                 WHERE length(trim(:q)) >= 1 AND (length(:q) < 3 OR :q GLOB '*[^一-鿿]*')
                   AND reports_chars_fts MATCH '"' || replace(nianbao_chars(:q), '"', '""') || '"'
                 ORDER BY rowid DESC LIMIT 200)
) hits
JOIN reports r ON r.id = hits.id LEFT JOIN agencies a ON a.id = r.agency_id
WHERE instr(nianbao_fold(coalesce(r.title, '') || char(10) || coalesce(r.text, '')), nianbao_fold(:q)) > 0  -- the index drops punctuation
ORDER BY r.id DESC""",
    },
}


def metadata(database: str = "nianbao") -> dict:
    return {
        "title": "政府信息公开工作年度报告档案 / nianbao: archive of annual information-disclosure reports",
        "description": "各级政府及部门的政府信息公开工作年度报告：原文、解析表格、检查发现。只读。"
        " Chinese government information-disclosure annual reports: raw documents, parsed"
        " tables, check findings. Read-only.",
        "databases": {database: {"tables": TABLES, "queries": QUERIES}},
    }
