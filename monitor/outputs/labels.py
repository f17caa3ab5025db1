"""Chinese names a clerk reads: finding codes, severities, statuses, and the printed labels of the
three tables of the national templates (国办公开办函〔2021〕30号, 〔2019〕60号)."""

from __future__ import annotations

CODE_NAMES = {
    "missing": "未发布",
    "late": "逾期发布",
    "backdated": "发布日期倒签",
    "balance": "勾稽关系不平",
    "row_sum": "申请人分项与总计不符",
    "total_sum": "办理结果合计不符",
    "appeals_sum": "复议诉讼合计不符",
    "negative_value": "出现负数",
    "narrative_mismatch": "正文与表格数据不一致",
    "missing_section": "缺少规定章节",
    "missing_rows": "表格缺行缺项",
    "malformed_table": "表格格式错乱",
    "blank_cells": "表格留空",
    "outdated_format": "使用旧版表格模板",
    "period_mismatch": "统计期间与年度不符",
    "image_only": "表格为图片无法核对",
    "empty_section": "章节内容空白",
    "carryover_mismatch": "上年结转与上年报告不衔接",
    "in_force_mismatch": "现行有效件数（项目数量）不衔接",
    "revised": "发布后内容变动",
    "duplicate": "同一年度多份不同报告",
    "unreachable": "网站栏目无法访问",
    "copied_text": "内容雷同",
    "yoy_outlier": "数据同比异常",
    "not_judged": "无法判断的关系",
    "crawl_failed": "抓取失败",
    "portal_silent": "门户在报告期无新年报",
    "scheduler_missed": "定时任务未按时运行",
}

# Codes that say the report itself is faulty (数据失准、缺项、雷同): the defect rate of the 通报.
DEFECT_CODES = frozenset(
    {
        "balance",
        "row_sum",
        "total_sum",
        "appeals_sum",
        "negative_value",
        "narrative_mismatch",
        "missing_section",
        "missing_rows",
        "malformed_table",
        "outdated_format",
        "period_mismatch",
        "image_only",
        "carryover_mismatch",
        "in_force_mismatch",
        "copied_text",
    }
)

SEVERITY_NAMES = {"error": "严重", "warning": "警告", "info": "提示"}
SEVERITY_COLOURS = {"error": "F4B6B6", "warning": "FFE08A", "info": "CFE2F3"}  # red, amber, blue (pale)
STATUS_NAMES = {"open": "待处理", "acknowledged": "已确认", "dismissed": "已排除", "resolved": "已解决"}
KIND_NAMES = {"government": "本级政府", "department": "部门"}


def code_name(code: str) -> str:
    return CODE_NAMES.get(code, code)


REQUEST_COLUMN_NAMES = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他",
    "total": "总计",
}

# Table 3 rows as printed: (key, first-level label, second-level label, third-level label).
REQUEST_LABELS = (
    ("new_received", "一、本年新收政府信息公开申请数量", None, None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None, None),
    ("granted", "三、本年度办理结果", "（一）予以公开", None),
    ("partially_granted", "三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("withheld_state_secret", "三、本年度办理结果", "（三）不予公开", "1．属于国家秘密"),
    ("withheld_prohibited_by_law", "三、本年度办理结果", "（三）不予公开", "2．其他法律行政法规禁止公开"),
    ("withheld_security_stability", "三、本年度办理结果", "（三）不予公开", "3．危及“三安全一稳定”"),
    ("withheld_third_party", "三、本年度办理结果", "（三）不予公开", "4．保护第三方合法权益"),
    ("withheld_internal_affairs", "三、本年度办理结果", "（三）不予公开", "5．属于三类内部事务信息"),
    ("withheld_process_info", "三、本年度办理结果", "（三）不予公开", "6．属于四类过程性信息"),
    ("withheld_enforcement_files", "三、本年度办理结果", "（三）不予公开", "7．属于行政执法案卷"),
    ("withheld_inquiry", "三、本年度办理结果", "（三）不予公开", "8．属于行政查询事项"),
    ("unavailable_not_held", "三、本年度办理结果", "（四）无法提供", "1．本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "三、本年度办理结果", "（四）无法提供", "2．没有现成信息需要另行制作"),
    ("unavailable_unclear", "三、本年度办理结果", "（四）无法提供", "3．补正后申请内容仍不明确"),
    ("not_processed_complaint", "三、本年度办理结果", "（五）不予处理", "1．信访举报投诉类申请"),
    ("not_processed_duplicate", "三、本年度办理结果", "（五）不予处理", "2．重复申请"),
    ("not_processed_publication", "三、本年度办理结果", "（五）不予处理", "3．要求提供公开出版物"),
    ("not_processed_excessive", "三、本年度办理结果", "（五）不予处理", "4．无正当理由大量反复申请"),
    (
        "not_processed_confirmation",
        "三、本年度办理结果",
        "（五）不予处理",
        "5．要求行政机关确认或重新出具已获取信息",
    ),
    ("other_no_correction", "三、本年度办理结果", "（六）其他处理", "1．申请人无正当理由逾期不补正"),
    ("other_unpaid_fee", "三、本年度办理结果", "（六）其他处理", "2．申请人逾期未按收费通知要求缴纳费用"),
    ("other_other", "三、本年度办理结果", "（六）其他处理", "3．其他"),
    ("other_handling", "三、本年度办理结果", "（六）其他处理", None),
    ("total_processed", "三、本年度办理结果", "（七）总计", None),
    ("carried_forward", "四、结转下年度继续办理", None, None),
)

APPEAL_GROUP_NAMES = {
    "review": "行政复议",
    "litigation_direct": "未经复议直接起诉",
    "litigation_after_review": "复议后起诉",
}
APPEAL_COLUMN_NAMES = {
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "total": "总计",
}

# Table 2 as printed: blocks of (第二十条 item, column header names by key, rows (key, label)).
ACTIVE_2021 = (
    (
        "第二十条第（一）项",
        {"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数"},
        (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
    ),
    ("第二十条第（五）项", {"decisions": "本年处理决定数量"}, (("licensing", "行政许可"),)),
    ("第二十条第（六）项", {"decisions": "本年处理决定数量"}, (("punishment", "行政处罚"), ("coercion", "行政强制"))),
    ("第二十条第（八）项", {"amount": "本年收费金额（单位：万元）"}, (("fees", "行政事业性收费"),)),
)
ACTIVE_2019 = (
    (
        "第二十条第（一）项",
        {"made": "本年新制作数量", "published": "本年新公开数量", "total_public": "对外公开总数量"},
        (("regulations", "规章"), ("normative_documents", "规范性文件")),
    ),
    (
        "第二十条第（五）项",
        {"previous": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量"},
        (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
    ),
    (
        "第二十条第（六）项",
        {"previous": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量"},
        (("punishment", "行政处罚"), ("coercion", "行政强制")),
    ),
    ("第二十条第（八）项", {"previous": "上一年项目数量", "change": "本年增/减"}, (("fees", "行政事业性收费"),)),
    (
        "第二十条第（九）项",
        {"projects": "采购项目数量", "amount": "采购总金额（万元）"},
        (("procurement", "政府集中采购"),),
    ),
)
