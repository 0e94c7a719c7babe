"""Write a synthetic content/ tree of realistic records, every field filled, for the benchmark.

    python bench/synth.py OUT --enterprises 10000 --cases 2000 --trainings 500

Deterministic (fixed seed). No images (they need files) and no mobile numbers.
"""
from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ["市中区", "薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市", "枣庄高新区"]
TOWNS = ["龙泉", "荆河", "北辛", "善南", "临城", "榴园", "坛山", "运河", "城头", "齐村", "西王庄", "界河", "官桥", "张汪"]
INDUSTRIES = ["农副土特产品", "轻纺工业制品", "煤及煤化工产品", "家居建材产品", "机械电子产品", "干杂海货产品", "生物医药产品",
              "大宗商品单品", "特色小商品", "新车和二手车交易", "物流配送和服务", "在线旅游", "金融服务", "医疗养老", "社区服务"]
PRODUCTS = ["石榴", "马铃薯", "花椒", "核桃", "山鸡蛋", "毛巾", "四件套", "煤焦油", "实木家具", "水泵", "小型农机", "海米",
            "保健食品", "剪纸", "年画", "二手车", "快递共配", "采摘游", "小额贷款", "养老服务", "社区团购", "大蒜", "樱桃", "蜂蜜"]
WORDS = ["鲁南", "华东", "运河", "榴乡", "山亭", "汉诺", "金桥", "恒丰", "百川", "宏达", "瑞丰", "鑫源", "康源", "信诚", "兴业"]
MODES = ["B2B", "B2C", "C2C", "O2O", "C2B", "跨境B2B", "跨境B2C", "农村电商", "社交电商", "直播电商"]
PLATFORMS = ["淘宝", "天猫", "京东", "拼多多", "抖音", "快手", "微信小店", "1688", "速卖通", "亚马逊"]
PROGRAMS = ["p1515x2", "parks-7n", "cross-border", "online-mall-2t", "enterprises-online", "million-shops"]
AUDIENCES = ["企业技术业务人员", "企业负责人", "领导干部", "网店微店创业者", "职业院校学生"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["晓燕", "志强", "海波", "丽娟", "建国", "文静", "立新", "秀兰", "德明", "佳琪", "晓宇", "桂芳", "海燕", "晓东"]
SENTENCES = [
    "公司把本地{p}按统一标准分级包装，通过网店卖到全国各地。",
    "过去靠客商上门收购，价格由别人说了算；开网店以后，价格和顾客都掌握在自己手里。",
    "他们请村里的年轻人拍短视频，讲清楚{p}的产地、品种和吃法。",
    "旺季每天从仓库发出上千个包裹，还带动周边农户按订单生产。",
    "和附近的快递网点谈好集中发货的价格，每单运费降低了三成。",
    "售后坚持坏一个赔一个，回头客越来越多。",
    "去年参加了市里的免费电商培训，学会了看数据、做活动。",
]


def paragraph(rng: random.Random, product: str, n: int) -> str:
    return "".join(rng.choice(SENTENCES).format(p=product) for _ in range(n))


def enterprise(rng: random.Random, i: int) -> dict:
    product, word, district = rng.choice(PRODUCTS), rng.choice(WORDS), rng.choice(DISTRICTS)
    year = rng.randint(2014, 2017)
    return {
        "name": f"{district.rstrip('区市')}{word}{product}电子商务有限公司{i}号",
        "district": district, "industry": rng.choice(INDUSTRIES),
        "summary": f"{district}{rng.choice(TOWNS)}的{product}网店，" + paragraph(rng, product, 1)[:60],
        "modes": rng.sample(MODES, 2), "programs": rng.sample(PROGRAMS, 1),
        "recognitions": [{"title": "枣庄市电子商务示范企业", "level": rng.choice(["市级", "省级"]), "year": year, "batch": "第一批"}],
        "description": paragraph(rng, product, 3) + "\n\n" + paragraph(rng, product, 3) + "\n\n- 淘宝店\n- 微信小店\n",
        "shops": [{"platform": p, "name": f"{word}{product}{p}店", "url": f"https://shop.example.cn/{i}-{j}"}
                  for j, p in enumerate(rng.sample(PLATFORMS, 2))],
        "website": f"https://www.example.cn/e{i}",
        "contact": {"phone": f"0632-{rng.randint(2000000, 8999999)}", "address": f"{district}{rng.choice(TOWNS)}路 {rng.randint(1, 300)} 号"},
        "figures": [{"year": y, "online_sales": rng.randint(50, 5000)} for y in (2014, 2015, 2016)],
        "logo": None, "photos": None,
        "tags": [product, rng.choice(TOWNS)], "featured": i < 3, "example": True,
    }


def case(rng: random.Random, i: int, enterprise_ids: list[str]) -> dict:
    product = rng.choice(PRODUCTS)
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    return {
        "title": f"{name}的{product}网店", "person": {"name": name, "consent": True},
        "district": rng.choice(DISTRICTS), "industry": rng.choice(INDUSTRIES), "platforms": rng.sample(PLATFORMS, 2),
        "shop": {"name": f"{name}家的{product}", "url": f"https://shop.example.cn/c{i}"}, "started": rng.randint(2012, 2016),
        "summary": f"{name}用手机开店卖{product}，" + paragraph(rng, product, 1)[:50],
        "story": "\n\n".join(paragraph(rng, product, 3) for _ in range(4)),
        "figures": {"annual_sales": rng.randint(5, 500), "monthly_orders": rng.randint(10, 9000), "jobs_created": rng.randint(0, 20)},
        "quote": "网店让我留在了家乡。", "enterprise": rng.choice(enterprise_ids),
        "published": f"{rng.randint(2014, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "tags": [product], "featured": i < 3, "example": True,
    }


def training(rng: random.Random, i: int) -> dict:
    year, month, day = rng.randint(2014, 2027), rng.randint(1, 12), rng.randint(1, 27)
    district = rng.choice(DISTRICTS)
    return {
        "title": f"电子商务培训班第{i}期", "audience": rng.sample(AUDIENCES, 2),
        "start": f"{year}-{month:02d}-{day:02d} 09:00", "end": f"{year}-{month:02d}-{day + 1:02d} 17:00",
        "venue": {"name": f"{district}培训中心", "address": f"{district}{rng.choice(TOWNS)}路 8 号", "district": district},
        "organizer": "枣庄市商务局", "partners": ["枣庄市电子商务促进协会"],
        "speakers": [{"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "title": "电商讲师"}],
        "capacity": rng.randint(30, 200), "fee": 0,
        "registration": {"deadline": f"{year}-{month:02d}-{max(1, day - 3):02d}", "phone": f"0632-{rng.randint(2000000, 8999999)}",
                         "url": f"https://signup.example.cn/t{i}", "note": "名额满即止。"},
        "syllabus": [{"when": "上午", "topic": "开店与平台规则"}, {"when": "下午", "topic": "推广与售后"}],
        "summary": "面向创业者和企业的免费电商培训。", "description": paragraph(rng, "网店", 4),
        "cancelled": i % 50 == 0, "example": True,
    }


def write(out: Path, enterprises: int, cases: int, trainings: int) -> Path:
    rng = random.Random(20141124)
    content = out / "content"
    shutil.rmtree(content, ignore_errors=True)
    for folder in ("enterprises", "cases", "trainings"):
        (content / folder).mkdir(parents=True)
    for name in ("taxonomy.yaml", "targets.yaml"):
        shutil.copy(ROOT / "content" / name, content / name)

    def dump(folder: str, record_id: str, data: dict) -> None:
        data = {k: v for k, v in data.items() if v is not None}
        (content / folder / f"{record_id}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    ids = [f"enterprise-{i:05d}" for i in range(enterprises)]
    for i, record_id in enumerate(ids):
        dump("enterprises", record_id, enterprise(rng, i))
    for i in range(cases):
        dump("cases", f"story-{i:05d}", case(rng, i, ids))
    for i in range(trainings):
        dump("trainings", f"class-{i:04d}", training(rng, i))
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--enterprises", type=int, default=10000)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--trainings", type=int, default=500)
    args = parser.parse_args()
    print(write(args.out, args.enterprises, args.cases, args.trainings))


if __name__ == "__main__":
    main()
