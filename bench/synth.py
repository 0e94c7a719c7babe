"""Write a synthetic content/ tree for the benchmark: realistic Chinese records, every field filled.

    python bench/synth.py OUT_DIR --enterprises 10000 --cases 2000 --trainings 500

writes OUT_DIR/content/{taxonomy.yaml,targets.yaml,enterprises/,cases/,trainings/}. The text is
built from word lists of Zaozhuang's districts, towns, products, brands and surnames with a fixed
seed, so the same arguments always give the same files. Every field of each schema
(generator/schemas/*.json) is present in every record, except the image fields (`logo`,
`photos`, `person.photo`): images need real files under content/media/. All records carry
`example: true` and `draft: false`; the only phone numbers are 0632 landlines; no number in the
text is long enough to look like a mobile or ID number.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = 20141124

# (taxonomy id, name, towns and streets of the district)
DISTRICTS = [
    ("shizhong", "市中区", ["光明路街道", "龙山路街道", "文化路街道", "税郭镇", "孟庄镇", "齐村镇", "永安镇", "西王庄镇"]),
    ("xuecheng", "薛城区", ["临城街道", "常庄街道", "张范街道", "沙沟镇", "周营镇", "邹坞镇", "陶庄镇"]),
    ("yicheng", "峄城区", ["坛山街道", "吴林街道", "榴园镇", "古邵镇", "阴平镇", "底阁镇", "峨山镇"]),
    ("taierzhuang", "台儿庄区", ["运河街道", "邳庄镇", "张山子镇", "泥沟镇", "涧头集镇", "马兰屯镇"]),
    ("shanting", "山亭区", ["山城街道", "店子镇", "西集镇", "桑村镇", "北庄镇", "城头镇", "徐庄镇", "水泉镇", "冯卯镇"]),
    (
        "tengzhou",
        "滕州市",
        [
            "荆河街道",
            "龙泉街道",
            "北辛街道",
            "善南街道",
            "东沙河街道",
            "洪绪镇",
            "南沙河镇",
            "大坞镇",
            "滨湖镇",
            "级索镇",
            "西岗镇",
            "姜屯镇",
            "鲍沟镇",
            "张汪镇",
            "官桥镇",
            "柴胡店镇",
            "羊庄镇",
            "木石镇",
            "界河镇",
            "龙阳镇",
            "东郭镇",
        ],
    ),
    ("gaoxin", "枣庄高新区", ["兴仁街道", "兴城街道"]),
]
ROADS = [
    "光明路",
    "青檀路",
    "华山路",
    "文化路",
    "建设路",
    "解放路",
    "君山路",
    "黄河路",
    "长白山路",
    "泰山路",
    "龙头路",
    "善国路",
    "学院路",
    "杏坛路",
    "平行路",
    "运河大道",
    "榴园路",
    "新城大道",
    "复元路",
    "民生路",
]

# (taxonomy id, name, products, word for the ASCII id)
INDUSTRIES = [
    (
        "agri-products",
        "农副土特产品",
        [
            "石榴",
            "石榴汁",
            "马铃薯",
            "大蒜",
            "花椒",
            "核桃",
            "樱桃",
            "山楂",
            "板栗",
            "煎饼",
            "长红枣",
            "富硒小米",
            "土蜂蜜",
            "山鸡蛋",
            "羊肉汤料",
            "辣子鸡",
        ],
        "nongpin",
    ),
    ("textiles", "轻纺工业制品", ["毛巾", "床上四件套", "劳保手套", "工装", "棉纱", "羽绒服", "童装"], "fangzhi"),
    ("coal-chemicals", "煤及煤化工产品", ["焦炭", "甲醇", "煤焦油", "精煤", "活性炭", "尿素", "炭黑"], "meihuagong"),
    ("home-building", "家居建材产品", ["实木家具", "板式家具", "定制衣柜", "瓷砖", "铝合金门窗", "水泥", "石材"], "jiaju"),
    (
        "machinery-electronics",
        "机械电子产品",
        ["水泵", "数控机床", "小型农机", "锂电池", "电动工具", "数控刀具", "轴承"],
        "jixie",
    ),
    ("dried-seafood", "干杂海货产品", ["海米", "干贝", "紫菜", "香菇", "黑木耳", "红薯粉条", "虾皮"], "ganza"),
    ("biomedicine", "生物医药产品", ["保健食品", "中药饮片", "医用敷料", "石榴籽油", "酶制剂", "金银花茶"], "yiyao"),
    ("bulk-commodities", "大宗商品单品", ["水泥熟料", "螺纹钢", "动力煤", "玉米", "小麦", "花生米"], "dazong"),
    (
        "small-commodities",
        "特色小商品",
        ["剪纸", "木版年画", "鲁班锁", "柳编筐", "石榴盆景", "手工布鞋", "伏里土陶"],
        "xiaoshangpin",
    ),
    ("vehicles", "新车和二手车交易", ["二手车", "新能源汽车", "电动三轮车", "汽车配件", "农用车"], "qiche"),
    ("logistics", "物流配送和服务", ["快递共同配送", "冷链配送", "同城配送", "仓储服务", "农村物流"], "wuliu"),
    ("online-travel", "在线旅游", ["古城门票", "采摘游", "农家乐", "民宿", "研学游", "湿地游船"], "lvyou"),
    ("finance", "金融服务", ["小额贷款", "供应链金融", "网上支付", "农业保险", "电商贷"], "jinrong"),
    ("healthcare-elderly", "医疗养老", ["居家养老", "康复器械", "在线问诊", "老年用品", "助浴服务"], "yanglao"),
    ("community-services", "社区服务", ["社区团购", "家政服务", "生鲜配送", "便民缴费", "洗衣服务"], "shequ"),
]
SHOP_SUFFIX = {
    "天猫": "旗舰店",
    "京东": "京东自营店",
    "微信小店": "小店",
    "自建网站": "商城",
    "1688": "批发店",
    "阿里巴巴国际站": "国际站",
    "亚马逊": "海外店",
    "速卖通": "速卖通店",
    "敦煌网": "外贸店",
}
BRAND_CHARS = "鲁榴汉恒鑫金华瑞丰源泰和兴隆盛达嘉宏信诚康福顺安宁德祥润昌博运汇通益"
COMPANY_TYPES = ["电子商务有限公司", "商贸有限公司", "科技有限公司", "有限公司", "专业合作社", "实业有限公司", "股份有限公司"]
MODES = ["B2B", "B2C", "C2C", "O2O", "C2B", "跨境B2B", "跨境B2C", "农村电商", "社交电商", "直播电商"]
PLATFORMS = [
    "淘宝",
    "天猫",
    "京东",
    "拼多多",
    "抖音",
    "快手",
    "微信小店",
    "1688",
    "阿里巴巴国际站",
    "速卖通",
    "亚马逊",
    "敦煌网",
    "自建网站",
]
PROGRAMS = ["p1515x2", "parks-7n", "cross-border", "online-mall-2t", "enterprises-online", "million-shops"]
AUDIENCES = ["企业技术业务人员", "企业负责人", "领导干部", "网店微店创业者", "职业院校学生"]
RECOGNITIONS = [
    ("枣庄市电子商务示范企业", "市级"),
    ("枣庄市农村电子商务示范点", "市级"),
    ("山东省电子商务示范企业", "省级"),
    ("山东省跨境电子商务示范企业", "省级"),
    ("国家电子商务示范企业", "国家级"),
]
BATCHES = ["第一批", "第二批", "第三批", "第四批"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎孟褚颜"
GIVEN = "晓志海丽建文立秀德佳宇桂燕东明红强波娟国静新兰琪芳伟磊军洋勇艳杰娜涛超霞平刚英华鹏飞"
ROLES = [
    "返乡创业大学生",
    "退伍军人",
    "果农",
    "下岗职工",
    "家庭主妇",
    "残疾人创业者",
    "大学生村官",
    "乡村教师",
    "个体户",
    "农机手",
]
SCHOOLS = ["枣庄学院", "枣庄职业学院", "枣庄科技职业学院", "山东理工职业学院", "滕州市职业教育中心"]
SPEAKER_TITLES = [
    "枣庄市电子商务促进协会培训讲师",
    "淘宝大学认证讲师",
    "京东商学院讲师",
    "返乡创业网店店主",
    "枣庄学院经济管理学院副教授",
    "抖音电商服务商运营总监",
    "市商务局电子商务科科长",
    "跨境电商服务企业总经理",
]
TRAININGS = [  # (title, id word, topics)
    (
        "零成本开微店入门班",
        "weidian-rumen",
        ["用手机开通微信小店和收款", "用手机拍出好看的商品照片", "朋友圈和社群推广", "发货、售后和纠纷处理"],
    ),
    (
        "农村电商带头人培训班",
        "nongcun-daitouren",
        ["农产品标准化和包装", "村级服务站怎样运营", "冷链和快递共同配送", "带动农户按订单生产"],
    ),
    ("直播电商实战班", "zhibo-shizhan", ["直播间搭建和设备", "话术和选品", "短视频拍摄剪辑", "平台规则和违规风险"]),
    ("跨境电商企业培训班", "kuajing-qiye", ["阿里巴巴国际站开店", "海外仓和跨境物流", "外汇结算和退税", "海外市场和选品"]),
    (
        "企业负责人电商研修班",
        "qiye-yanxiu",
        ["传统企业上网的路径", "行业电商平台案例", "网上商城和线下门店融合", "电商团队怎样搭"],
    ),
    ("领导干部电子商务专题班", "ganbu-zhuanti", ["电子商务发展形势", "县域电商的做法", "产业园区建设和招商", "政策支持和考核"]),
    ("职业院校学生网店创业班", "xuesheng-chuangye", ["网店美工和详情页", "客服和售后", "数据分析入门", "毕业后怎样创业"]),
    ("网店运营提高班", "wangdian-yunying", ["店铺数据怎么看", "活动报名和促销", "推广费用怎么花", "老顾客维护"]),
]
VENUES = [
    "市民服务中心培训室",
    "电子商务产业园路演厅",
    "职业教育中心实训楼",
    "创业孵化基地多功能厅",
    "农村电商服务中心会议室",
    "商务局三楼会议室",
]
ORGANIZERS = ["枣庄市商务局", "枣庄市商务局、枣庄市人力资源和社会保障局", "{d}商务局", "{d}人民政府"]
PARTNERS = [
    "枣庄市电子商务促进协会",
    "中国移动枣庄分公司",
    "中国邮政枣庄分公司",
    "枣庄学院",
    "枣庄职业学院",
    "阿里巴巴农村淘宝枣庄服务中心",
    "京东枣庄特产馆",
    "枣庄市妇女联合会",
    "共青团枣庄市委",
]
TAGS = ["品牌", "合作社", "返乡创业", "直播", "跨境", "老字号", "有机", "地理标志", "扶贫", "免费培训", "包邮", "手工"]

ENTERPRISE_SENTENCES = [
    "公司位于{district}{town}，主营{product}，{year}年开始在{platform}上开店。",
    "过去{product}主要靠客商上门收购，价格由别人说了算；上网以后，价格和顾客都掌握在自己手里。",
    "公司把周边农户的{product}按统一标准分级、包装，打上自己的品牌，通过网店卖到全国各地。",
    "旺季每天从仓库发出上千个包裹，还带动{town}{n}户农户按订单生产。",
    "和附近的快递网点谈好集中发货的价格，每单运费降低了三成。",
    "售后坚持“坏一个赔一个”，网店好评率常年保持在百分之九十八以上，回头客越来越多。",
    "公司组建了{n}人的电商团队，负责美工、客服、推广和仓储。",
    "{year}年入驻{district}电子商务产业园，享受房租减免和免费培训。",
    "除了零售，公司还在1688上接批发订单，为外地超市和餐馆供货。",
    "公司请本地的年轻人拍短视频、做直播，讲清楚{product}的产地、品种和用法。",
    "产品通过了质量认证，包装上印有追溯码，顾客扫码就能看到产地和检验报告。",
    "线上销售额已占公司总销售额的一半以上，员工从十几人增加到{n}人。",
]
STORY_SENTENCES = [
    "{name}是{district}{town}人，{role}出身，{started}年开始在网上卖{product}。",
    "起初一天只有几单，{name}就把每件货都亲手挑一遍、包一遍，坏一个赔一个。",
    "没有本钱租门面，{name}就用自家堂屋当仓库，用手机拍照片、回消息。",
    "去年参加了市里的免费电商培训，学会了看数据、报活动，店里的流量一下子涨了起来。",
    "旺季每天要发出几百个包裹，左邻右舍都来帮忙打包，按件拿工钱。",
    "快递网点每天下午上门收件，发往省内的包裹第二天就能送到。",
    "有顾客在评价里说，收到的{product}和店里照片上的一模一样，还会再来买。",
    "现在店里常年雇着{jobs}个乡亲，大多是走不开家的妇女和上了年纪的老人。",
    "{name}说，最大的变化是“心里有底了，不用再看别人脸色定价”。",
    "下一步，{name}打算注册自己的商标，把{town}的{product}做成有名的品牌。",
    "村里的年轻人看到网店能挣钱，也跟着学，{name}手把手地教了{n}个人开店。",
    "开店头一年赔了钱，{name}没有放弃，琢磨顾客的差评，一条一条地改。",
]
TRAINING_SENTENCES = [
    "本期培训由{organizer}主办，面向{audience}，全程免费，课后发放结业证书。",
    "课程以实操为主，学员要带一部能上网的智能手机，当场开店、上架、发货。",
    "培训结束后，讲师团队会跟踪指导三个月，帮助学员解决开店遇到的问题。",
    "往期学员中，已有不少人开起了自己的网店和微店，有的月销售额过万元。",
    "培训地点在{district}，交通方便，中午提供工作餐。",
    "名额有限，报满为止；请提前报名，并按时签到。",
]


def _sentences(rng: random.Random, pool: list[str], count: int, **values) -> list[str]:
    """count different sentences of the pool, in random order, filled in."""
    return [s.format(**values) for s in rng.sample(pool, count)]


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def _landline(rng: random.Random) -> str:
    return f"0632-{rng.randint(2, 8)}{rng.randint(0, 999999):06d}"


def _address(rng: random.Random, district: str, town: str) -> str:
    return f"{district}{town}{rng.choice(ROADS)}{rng.randint(1, 399)}号"


def enterprise(rng: random.Random, record_id: str, i: int, place: tuple) -> dict:
    _, district, towns = place
    _, industry, products, _ = INDUSTRIES[i % len(INDUSTRIES)]
    town, product, platform = rng.choice(towns), rng.choice(products), rng.choice(PLATFORMS)
    brand = "".join(rng.sample(BRAND_CHARS, 2))
    kind = rng.choice(COMPANY_TYPES)
    prefix = "枣庄" if rng.random() < 0.4 or district == "枣庄高新区" else district
    name = f"{prefix}{brand}{product}{kind}" if kind == "专业合作社" or rng.random() < 0.6 else f"{prefix}{brand}{kind}"
    year = rng.randint(2012, 2024)
    values = dict(district=district, town=town, product=product, platform=platform, year=year, n=rng.randint(6, 180))
    title, level = rng.choice(RECOGNITIONS)
    shops = [
        {
            "platform": p,
            "name": f"{brand}{product}{SHOP_SUFFIX.get(p, p + '店')}",
            "url": f"https://shop.example.cn/{record_id}/{j + 1}",
        }
        for j, p in enumerate(rng.sample(PLATFORMS, 2))
    ]
    sales = rng.randint(30, 2000)
    figures = []
    for figure_year in range(year, min(year + 3, 2026) + 1):
        figures.append({"year": figure_year, "online_sales": sales})
        sales = round(sales * rng.uniform(1.05, 1.9), 1)
    intro = ENTERPRISE_SENTENCES[0].format(**values)
    sentences = [intro] + [s for s in _sentences(rng, ENTERPRISE_SENTENCES, 7, **values) if s != intro][:6]
    description = (
        "".join(sentences[:4]) + "\n\n"
        "### 经营特色\n\n"
        + "\n".join(
            f"- {s}"
            for s in (
                f"主营{product}，产品全部可追溯",
                f"在{shops[0]['platform']}、{shops[1]['platform']}开有网店",
                f"带动{town}农户和小微企业{values['n']}家",
            )
        )
        + "\n\n"
        + "".join(sentences[4:])
        + f"\n\n**{year}年**上网以来，公司的网上销售额逐年增长，详见下面的经营数据。\n"
    )
    return {
        "name": name[:60],
        "district": district,
        "industry": industry,
        "summary": f"{district}{town}的{product}企业，{year}年上网经营，在{platform}等平台开店，带动周边农户和小微企业增收。"[
            :120
        ],
        "modes": rng.sample(MODES, rng.randint(1, 3)),
        "programs": rng.sample(PROGRAMS, rng.randint(1, 2)),
        "recognitions": [
            {"title": title, "level": level, "year": rng.randint(max(year, 2014), 2026), "batch": rng.choice(BATCHES)}
        ],
        "description": description,
        "shops": shops,
        "website": f"https://www.example.cn/{record_id}/",
        "contact": {"phone": _landline(rng), "address": _address(rng, district, town)},
        "figures": figures,
        "tags": rng.sample(TAGS, 2) + [product],
        "featured": i < 6,
        "draft": False,
        "example": True,
        "redirect_from": [f"{record_id}-old"],
    }


def case(rng: random.Random, record_id: str, i: int, enterprise_ids: list[str], place: tuple) -> dict:
    _, district, towns = place
    _, industry, products, _ = rng.choice(INDUSTRIES[:1] * 6 + INDUSTRIES)  # mostly farm products, as in life
    town, product, role = rng.choice(towns), rng.choice(products), rng.choice(ROLES)
    name = _person(rng)
    started = rng.randint(2010, 2024)
    jobs = rng.randint(1, 30)
    values = dict(
        name=name, district=district, town=town, product=product, role=role, started=started, jobs=jobs, n=rng.randint(3, 40)
    )
    sentences = _sentences(rng, STORY_SENTENCES, 12, **values)
    sentences.remove(STORY_SENTENCES[0].format(**values))  # the introduction comes first
    paragraphs = ["".join([STORY_SENTENCES[0].format(**values)] + sentences[:2])] + [
        "".join(sentences[k : k + 3]) for k in (2, 5, 8)
    ]
    story = (
        paragraphs[0]
        + "\n\n"
        + paragraphs[1]
        + "\n\n## 从一部手机开始\n\n"
        + paragraphs[2]
        + "\n\n> 网店让我留在了家乡，也让乡亲们多了一份收入。\n\n"
        + paragraphs[3]
        + "\n"
    )
    published = f"{rng.randint(max(started, 2014), 2026)}-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
    shop_platform = rng.choice(PLATFORMS)
    return {
        "title": rng.choice(
            [
                f"{name}：一部手机卖{product}",
                f"{name}的{product}网店",
                f"{role}{name}：网上卖{product}的致富路",
                f"{town}的“{product}{rng.choice(['夫妻店', '姐妹店', '兄弟店'])}”",
                f"直播间里的{product}：{name}的创业故事",
            ]
        )[:60],
        "person": {"name": name, "consent": True},
        "district": district,
        "industry": industry,
        "platforms": [shop_platform] + rng.sample([p for p in PLATFORMS if p != shop_platform], rng.randint(0, 2)),
        "shop": {
            "name": f"{name[0]}家{product}{rng.choice(['小店', '直供', '专卖', '铺子'])}",
            "url": f"https://shop.example.cn/{record_id}/",
        },
        "started": started,
        "summary": f"{role}{name}在{district}{town}开网店卖{product}，带动{jobs}位乡亲就业，一年网上销售几十万元。"[:120],
        "story": story,
        "figures": {"annual_sales": round(rng.uniform(5, 800), 1), "monthly_orders": rng.randint(20, 9000), "jobs_created": jobs},
        "quote": rng.choice(
            [
                "坏一个赔一个，顾客才会再来。",
                "网店让我留在了家乡。",
                "一部手机就是一个门面。",
                "只要肯学，谁都能把东西卖出去。",
                "诚信是网店的命根子。",
            ]
        ),
        "enterprise": rng.choice(enterprise_ids),
        "published": published,
        "tags": [product, rng.choice(TAGS)],
        "featured": i < 6,
        "draft": False,
        "example": True,
        "redirect_from": [f"{record_id}-old"],
    }


def training(rng: random.Random, record_id: str, i: int, title: str, topics: list[str], start: tuple) -> dict:
    _, district, towns = rng.choice(DISTRICTS)
    year, month, day, days = start
    audiences = rng.sample(AUDIENCES, rng.randint(1, 2))
    organizer = rng.choice(ORGANIZERS).format(d=district)
    values = dict(organizer=organizer, audience="、".join(audiences), district=district)
    last = day + days - 1
    deadline = day - rng.randint(2, 7)
    deadline_text = f"{year}-{month:02d}-{deadline:02d}" if deadline >= 1 else f"{year}-{month:02d}-01"
    syllabus = [
        {"when": f"第{d + 1}天{half}", "topic": topic}
        for d in range(days)
        for half, topic in zip(("上午", "下午"), rng.sample(topics, 2))
    ]
    return {
        "title": f"{title}（{district}·第{i + 1}期）"[:60],
        "audience": audiences if len(audiences) > 1 else audiences[0],
        "start": f"{year}-{month:02d}-{day:02d} 09:00",
        "end": f"{year}-{month:02d}-{last:02d} {rng.choice(['16:30', '17:00', '17:30'])}",
        "venue": {
            "name": f"{district}{rng.choice(VENUES)}",
            "address": _address(rng, district, rng.choice(towns)),
            "district": district,
        },
        "organizer": organizer,
        "partners": rng.sample(PARTNERS, 2),
        "speakers": [{"name": _person(rng), "title": t} for t in rng.sample(SPEAKER_TITLES, 2)],
        "capacity": rng.choice([40, 50, 60, 80, 100, 120, 200]),
        "fee": 0 if rng.random() < 0.85 else rng.choice([100, 200, 300]),
        "registration": {
            "deadline": deadline_text,
            "phone": _landline(rng),
            "url": f"https://signup.example.cn/{record_id}/",
            "note": "请带上身份证和一部能上网的智能手机；名额满即止。",
        },
        "syllabus": syllabus,
        "summary": f"面向{values['audience']}，{days}天讲“{topics[0]}”“{topics[1]}”等内容，边讲边练。"[:120],
        "description": "".join(_sentences(rng, TRAINING_SENTENCES, 4, **values)) + "\n\n课程安排以现场通知为准。\n",
        "cancelled": i % 40 == 7,
        "tags": ["免费培训" if i % 7 else "收费培训", rng.choice(["手机开店", "直播", "跨境", "农村电商", "运营"])],
        "featured": i % 100 == 0,
        "draft": False,
        "example": True,
        "redirect_from": [f"{record_id}-old"],
    }


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str):
    # Markdown bodies as literal blocks (`|`), as editors write them.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def dump(path: Path, data: dict) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text("# 合成数据：虚构的示例记录，用于基准测试。\n" + text, encoding="utf-8")


def write(out: Path, enterprises: int, cases: int, trainings: int) -> Path:
    """Write OUT/content and return its path. Replaces an earlier OUT/content."""
    rng = random.Random(SEED)
    content = Path(out) / "content"
    shutil.rmtree(content, ignore_errors=True)
    for folder in ("enterprises", "cases", "trainings", "media"):
        (content / folder).mkdir(parents=True)
    for name in ("taxonomy.yaml", "targets.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)

    enterprise_ids = []
    for i in range(enterprises):
        place = rng.choice(DISTRICTS)
        record_id = f"{place[0]}-{INDUSTRIES[i % len(INDUSTRIES)][3]}-{i:05d}"
        enterprise_ids.append(record_id)
        dump(content / "enterprises" / f"{record_id}.yaml", enterprise(rng, record_id, i, place))
    for i in range(cases):
        place = rng.choice(DISTRICTS)
        record_id = f"{place[0]}-gushi-{i:05d}"
        dump(content / "cases" / f"{record_id}.yaml", case(rng, record_id, i, enterprise_ids, place))
    for i in range(trainings):
        # spread classes over 2014..2027 so that every status (ended, open, upcoming) occurs
        year = 2014 + (i * 14) // max(trainings, 1)
        month, day, days = rng.randint(1, 12), rng.randint(8, 25), rng.randint(1, 3)
        title, word, topics = TRAININGS[i % len(TRAININGS)]
        record_id = f"{word}-{year}-{month:02d}-{i:04d}"
        dump(content / "trainings" / f"{record_id}.yaml", training(rng, record_id, i, title, topics, (year, month, day, days)))
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write content/ into")
    parser.add_argument("--enterprises", type=int, default=10000)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--trainings", type=int, default=500)
    args = parser.parse_args()
    if args.cases and not args.enterprises:
        parser.error("stories point at enterprises: --enterprises must be at least 1")
    print(write(args.out, args.enterprises, args.cases, args.trainings))


if __name__ == "__main__":
    main()
