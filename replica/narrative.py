"""The report text: the preface, the six standard sections and their prose, drawn from sentence pools
with agency-specific activities and the report's own figures, so no two reports read alike (only the
planted copy does). Figures stated in the text are the table's, except where narrative_mismatch is planted."""

from __future__ import annotations

import random

# Per topic: the areas a body publishes on, and named activities of its year.
TOPICS = {
    "government": (
        ("重大行政决策", "财政预决算", "重点项目建设", "乡村振兴", "营商环境"),
        ("“政务公开日”活动", "政府开放日", "重大决策预公开", "基层政务公开标准化规范化建设", "政策文件库建设"),
    ),
    "finance": (
        ("部门预决算", "政府采购", "政府债务", "惠企资金"),
        ("预决算公开专项检查", "政府采购意向公开", "惠企资金直达", "财会监督专项行动"),
    ),
    "education": (
        ("招生入学", "教育收费", "学生资助", "校园安全"),
        ("义务教育招生政策解读会", "学生资助政策宣传月", "校外培训治理", "“双减”成效发布"),
    ),
    "health": (
        ("医疗机构执业", "公共卫生", "疾病预防控制", "医疗收费"),
        ("医疗服务价格公示", "健康科普进社区", "家庭医生签约服务", "传染病疫情信息发布"),
    ),
    "archives": (("档案开放", "馆藏利用"), ("档案开放审核", "馆藏档案数字化")),
    "development": (
        ("重大项目", "价格监管", "能源运行", "社会信用"),
        ("重大项目清单公开", "价格听证", "信用修复服务", "节能审查信息公开"),
    ),
    "police": (
        ("户政服务", "出入境办理", "交通管理", "行政处罚结果"),
        ("“放管服”便民举措发布", "交通安全宣传周", "户籍业务网上办", "警情通报"),
    ),
    "civil": (
        ("社会救助", "养老服务", "婚姻登记", "社会组织管理"),
        ("低保对象公示", "养老机构等级评定", "社会组织年检结果公告", "殡葬改革宣传"),
    ),
    "labour": (
        ("就业创业", "社会保险", "劳动关系", "人才引进"),
        ("稳岗返还资金公示", "春风行动招聘会", "根治欠薪专项行动", "技能人才评价"),
    ),
    "transport": (
        ("公路建设", "道路运输", "城市公交", "交通执法"),
        ("农村公路“四好”建设", "公交线网优化听证", "货车通行证办理", "交通运输执法领域突出问题专项整治"),
    ),
    "environment": (
        ("环境质量", "环评审批", "排污许可", "环境执法"),
        ("环境质量月报发布", "排污许可证核发公示", "生态环境执法典型案例", "环保设施向公众开放"),
    ),
    "housing": (
        ("保障性住房", "房地产市场", "建筑市场", "老旧小区改造"),
        ("公租房分配公示", "老旧小区改造项目清单", "预售资金监管", "建筑工地扬尘治理"),
    ),
    "agriculture": (
        ("惠农补贴", "农产品质量安全", "高标准农田", "农村改革"),
        ("耕地地力保护补贴公示", "高标准农田建设项目公示", "农资打假", "农村集体产权制度改革"),
    ),
    "water": (("水资源管理", "防汛抗旱", "河湖长制"), ("河湖长制工作通报", "防汛预警信息发布", "取水许可公示")),
    "land": (
        ("国土空间规划", "土地供应", "不动产登记", "矿产资源"),
        ("国土空间总体规划公示", "土地征收信息公开", "不动产登记“一窗受理”", "地质灾害隐患点公告"),
    ),
    "emergency": (
        ("安全生产", "防灾减灾", "应急救援", "执法检查"),
        ("安全生产月", "防灾减灾宣传周", "应急预案公开", "安全生产执法检查结果公示"),
    ),
    "culture": (
        ("文化惠民", "旅游市场", "文物保护", "文化市场执法"),
        ("文化惠民演出季", "A级旅游景区评定", "文物保护单位名录公布", "旅游市场秩序整治"),
    ),
    "justice": (("公共法律服务", "行政执法监督"), ("普法宣传", "法律援助")),
}

OPENERS = (
    "{year}年，{we}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级部署，围绕{area0}、{area1}等重点领域，持续深化政务公开。",
    "{year}年，{we}把政务公开作为建设法治政府的重要抓手，紧扣{area0}和{area1}工作，推动决策、执行、管理、服务、结果全过程公开。",
    "{year}年，{we}按照上级政务公开工作要点要求，聚焦群众关心的{area0}、{area1}等事项，不断提升政务公开质量和实效。",
    "{year}年，在上级政务公开主管部门的指导下，{we}以公开促落实、以公开促规范、以公开促服务，着力做好{area0}信息公开，兼顾{area1}领域信息发布。",
    "{year}年，{we}对照年度政务公开工作任务清单，逐项分解到股室，{area0}、{area1}信息做到应公开尽公开。",
    "围绕全年中心工作，{we}在{year}年进一步健全政务公开工作机制，{area0}和{area1}两个领域的信息发布更加及时规范。",
)
ACTIVE = (
    "（一）主动公开情况。全年通过门户网站、政务新媒体主动公开政府信息{items}条，其中{area0}类信息{part}条；制发行政规范性文件{docs}件，均按要求同步公开并开展解读。",
    "（一）主动公开情况。{we}全年主动公开各类政府信息{items}条，重点围绕{area0}、{area2}发布动态信息，{activity0}相关信息全部在规定时限内上网。",
    "（一）主动公开情况。依托政府信息公开专栏，全年公开信息{items}条，较好完成了{activity0}等专项公开任务；制发行政规范性文件{docs}件。",
    "（一）主动公开情况。本年度主动公开信息{items}条，{area2}信息更新{part}条，组织开展{activity0}，以图解、问答等方式解读政策{readings}期。",
)
REQUESTS = (
    "（二）依申请公开情况。全年共收到政府信息公开申请{received}件，上年结转{carried}件，办结{answered}件，结转下年度继续办理{forward}件，均在法定期限内作出处理。",
    "（二）依申请公开情况。{we}进一步规范依申请公开办理流程，本年度收到政府信息公开申请{received}件，办结{answered}件，另有{forward}件结转下年度继续办理。",
    "（二）依申请公开情况。严格落实登记、审核、答复、归档制度，{year}年共收到政府信息公开申请{received}件，上年结转{carried}件，办结{answered}件。",
)
REQUESTS_NONE = ("（二）依申请公开情况。{year}年{we}未收到政府信息公开申请，无上年结转申请。",)
MANAGEMENT = (
    "（三）政府信息管理情况。建立健全公开属性源头认定机制，公文在拟制阶段即明确公开属性，全年对{files}件现行文件开展清理，确保信息准确、一致。",
    "（三）政府信息管理情况。落实信息发布“三审三校”制度，定期开展{area1}信息内容自查，全年纠正错别字、失效链接等问题{fixes}处。",
    "（三）政府信息管理情况。动态更新政府信息公开指南和主动公开目录，对照基本目录逐项梳理{area1}领域公开事项{files}项。",
    "（三）政府信息管理情况。健全信息发布保密审查机制，坚持“先审查、后公开”，全年未发生泄密和不当公开事件，历史信息归档{files}条。",
)
PLATFORMS = (
    "（四）政府信息公开平台建设情况。持续优化政府信息公开专栏，新增{activity1}专题，政务新媒体全年发布信息{posts}条。",
    "（四）政府信息公开平台建设情况。推进政府网站集约化建设，完善站内搜索功能，{activity1}信息实现集中展示，政务微信公众号关注人数达{followers}人。",
    "（四）政府信息公开平台建设情况。依托政务服务大厅设置政府信息查阅点，全年接待现场查阅群众{visitors}人次，编印{activity1}宣传资料{leaflets}份。",
    "（四）政府信息公开平台建设情况。加强政务新媒体规范管理，开设{area2}服务专栏，累计发布图文信息{posts}条，及时回应群众关切。",
)
OVERSIGHT = (
    "（五）监督保障情况。将政务公开工作纳入年度绩效考核，组织业务培训{trainings}场，邀请群众代表参与{activity2}评议，未发生因信息公开不到位被追责的情况。",
    "（五）监督保障情况。成立由主要负责同志任组长的政务公开工作领导小组，全年专题研究政务公开工作{meetings}次，开展季度自查并及时整改发现的问题。",
    "（五）监督保障情况。畅通社会评议渠道，在门户网站设置意见建议栏，针对{activity2}相关意见逐条研究改进；全年开展政务公开培训{trainings}场。",
)
PROBLEMS = (
    "{year}年度{we}政府信息公开工作虽取得一定成效，但仍存在一些不足：一是{area1}信息更新不够及时；二是政策解读形式较为单一；三是工作人员业务能力有待提升。",
    "对照群众期盼，{we}的政务公开工作还存在差距，主要是主动公开的深度不够，{area0}领域解读回应还不够精准，基层公开标准化规范化建设推进不平衡。",
    "工作中发现，部分股室对公开属性认定把握不准，{area2}信息公开的及时性、完整性仍需加强，依申请公开答复文书的规范性有待提高。",
)
IMPROVEMENTS = (
    "下一步，{we}将重点做好以下工作：持续加强{area1}等重点领域信息公开，丰富解读形式，通过图解、视频等方式提升政策知晓度；加强业务培训，提高工作人员依法公开意识。",
    "针对上述问题，{we}将健全信息发布协调机制，明确专人负责{area0}信息更新，建立依申请公开疑难案件会商制度，并结合{activity3}做好政策宣传。",
    "{year + 1}年，{we}将以{activity3}为抓手，完善公开目录动态调整机制，规范答复文书格式，推动政务公开向基层延伸。",
)
OTHERS = (
    "本年度{we}未收取政府信息公开信息处理费。人大代表建议和政协提案办理结果均已按要求公开。",
    "{we}未发生因政府信息公开收取信息处理费的情况。本年度落实上级政务公开工作要点的情况已在门户网站专栏公开。",
    "依据《政府信息公开信息处理费管理办法》，{we}本年度未收取信息处理费。其他无需要报告的事项。",
)


def narrative(report, seed: str, topic_of: str) -> dict[int, list[str]]:
    """The preface (0) and sections 1–6's paragraphs (tables are drawn by the renderers under 2, 3, 4)."""
    rng = random.Random(seed)
    areas, activities = TOPICS[topic_of]
    areas = rng.sample(areas, len(areas)) * 2
    activities = rng.sample(activities, len(activities)) * 2
    requests, active, appeals = (report.record[t] for t in ("requests", "active", "appeals"))
    received = requests["new_received"]["total"]
    if "narrative_mismatch" in report.planted:
        received += 7 + requests["carried_over"]["total"]
    words = {
        "we": report.agency.pronoun,
        "year": report.year,
        "year + 1": report.year + 1,
        "received": received,
        "carried": requests["carried_over"]["total"],
        "answered": requests["total_processed"]["total"],
        "forward": requests["carried_forward"]["total"],
        "docs": active["normative_documents"].get("issued", active["normative_documents"].get("made")),
        "items": rng.randint(120, 2600),
        "part": rng.randint(12, 110),
        "readings": rng.randint(3, 30),
        "files": rng.randint(20, 300),
        "fixes": rng.randint(3, 60),
        "posts": rng.randint(150, 3000),
        "followers": rng.randint(2000, 90000),
        "visitors": rng.randint(30, 900),
        "leaflets": rng.randint(500, 8000),
        "trainings": rng.randint(2, 9),
        "meetings": rng.randint(2, 8),
    }
    words.update({f"area{i}": a for i, a in enumerate(areas[:4])})
    words.update({f"activity{i}": a for i, a in enumerate(activities[:4])})
    fill = lambda pool: _fill(rng.choice(pool), words)
    reviews = appeals["review"]["total"]
    lawsuits = appeals["litigation_direct"]["total"] + appeals["litigation_after_review"]["total"]
    return {
        0: [preface(report)],
        1: [
            fill(OPENERS),
            fill(ACTIVE),
            fill(REQUESTS if received else REQUESTS_NONE),
            fill(MANAGEMENT),
            fill(PLATFORMS),
            fill(OVERSIGHT),
        ],
        2: [],
        3: [],
        4: [appeals_sentence(report.year, words["we"], reviews, lawsuits)],
        5: [fill(PROBLEMS), fill(IMPROVEMENTS)],
        6: [fill(OTHERS)],
    }


def _fill(template: str, words: dict) -> str:
    for key, value in words.items():
        template = template.replace("{" + key + "}", str(value))
    return template


def preface(report) -> str:
    name, year = report.agency.name, report.year
    notice = "国办公开办函〔2021〕30号" if report.template == "2021" else "国办公开办函〔2019〕60号"
    return (
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
        f"（{notice}）要求，由{name}编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        f"政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。如对本报告有疑问，请与{name}办公室联系。"
    )


def appeals_sentence(year: int, we: str, reviews: int, lawsuits: int) -> str:
    if not reviews and not lawsuits:
        return f"{year}年，{we}未发生因政府信息公开引起的行政复议或行政诉讼案件。"
    return f"{year}年，{we}共发生政府信息公开行政复议{reviews}件、行政诉讼{lawsuits}件，具体情况如下表。"
