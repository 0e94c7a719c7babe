"""Records as other tools write them (web forms, spreadsheets, Windows Notepad, phones) and the
everyday slips of Chinese editors: accepted when reasonable, otherwise one clear line."""

from __future__ import annotations

import copy
import datetime as dt
import io
from zoneinfo import ZoneInfo

import ics
import pytest
from conftest import CASE, TODAY, make_project, run_cli
from PIL import Image as PILImage

from generator.assemble.pipeline import generated_files
from generator.content.siteconfig import SiteConfig
from generator.content.validate import check_content

SHANGHAI = ZoneInfo("Asia/Shanghai")
CONFIG = SiteConfig("枣庄市电子商务推进行动", "https://www.example.gov.cn/ecommerce/")


def site_of(content):
    result = check_content(content.root, TODAY)
    assert result.problems == [], [p.format() for p in result.problems]
    return result.site


def messages(content):
    return [p.format() for p in check_content(content.root, TODAY).problems]


def training_text(start: str, end: str, extra: str = "") -> str:
    return (
        f"title: 网店微店创业入门班\naudience: 网店微店创业者\nstart: {start}\nend: {end}\n"
        f"organizer: 枣庄市商务局\nexample: true\n{extra}"
    )


@pytest.mark.parametrize(
    "written, beijing",
    [
        ("2027-03-15T09:00:00+08:00", (2027, 3, 15, 9, 0)),
        ("'2027-03-15T09:00:00+08:00'", (2027, 3, 15, 9, 0)),
        ("2027-04-02T01:00:00.000Z", (2027, 4, 2, 9, 0)),
        ('"2027-04-02T01:00:00Z"', (2027, 4, 2, 9, 0)),
        ("2027-04-02T03:30:00+02:00", (2027, 4, 2, 9, 30)),
        ("2027-05-20T14:00", (2027, 5, 20, 14, 0)),
        ("2027-05-20 14:00:00", (2027, 5, 20, 14, 0)),
        ("2027-05-20 14:00", (2027, 5, 20, 14, 0)),
        ("2027-05-20 14：00", (2027, 5, 20, 14, 0)),  # an input method's colon
    ],
)
def test_times_in_every_common_form_are_beijing_time(content, written, beijing):
    content.write_all()
    content.write("training", text=training_text(written, "2027-05-30 17:00"))
    (training,) = site_of(content).of("training")
    assert training.start == dt.datetime(*beijing, tzinfo=SHANGHAI)


def test_a_class_written_in_utc_shows_nine_oclock_on_its_page_and_in_its_calendar(content):
    content.write_all()
    content.write(
        "training",
        text=training_text("2027-04-02T01:00:00.000Z", "2027-04-02T09:00:00.000Z", "registration: {deadline: '2027-03-30'}\n"),
    )
    files = generated_files(site_of(content), CONFIG)
    page = files["trainings/weidian-rumen.md"]
    assert "2027年4月2日（周五）09:00 至 17:00" in page
    (event,) = ics.Calendar(files["trainings/weidian-rumen.ics"]).events
    assert event.begin.datetime.astimezone(SHANGHAI).strftime("%H:%M") == "09:00"
    assert event.begin.datetime == dt.datetime(2027, 4, 2, 1, 0, tzinfo=dt.timezone.utc)
    assert 'data-start="2027-04-02T09:00:00+08:00"' in page  # what status.js reads in the browser


@pytest.mark.parametrize("written", ["2026-01-05", "'2026-01-05'", "2026-1-5", "2026-01-05 00:00:00", "２０２６-０１-０５"])
def test_dates_quoted_or_not_and_as_spreadsheets_write_them(content, written):
    content.write_all()
    text = (
        f"title: 返乡青年卖石榴\nperson: {{name: 王小明, consent: true}}\ndistrict: 峄城区\n"
        f"summary: 简介\nstory: 正文\npublished: {written}\n"
    )
    content.write("case", text=text)
    (story,) = site_of(content).of("case")
    assert story.published == dt.date(2026, 1, 5)


def test_a_story_selling_on_weidian_passes_and_weidian_is_not_wechat(content):
    content.write_all()
    content.write("case", platforms=["微店", "微信小店"])
    (story,) = site_of(content).of("case")
    assert [(p.id, p.name) for p in story.platforms] == [("weidian", "微店"), ("wechat", "微信小店")]
    page = generated_files(site_of(content), CONFIG)["cases/yicheng-shiliu.md"]
    assert "<dd>微店、微信小店</dd>" in page


@pytest.mark.parametrize(
    "typed, suggested", [("微店铺", "微店"), ("微信店", "微信小店"), ("红书", "小红书"), ("饿了吗", "饿了么")]
)
def test_platform_slips_suggest_the_right_platform(content, typed, suggested):
    content.write_all()
    content.write("case", platforms=[typed])
    (message,) = messages(content)
    assert f"你是不是要写“{suggested}”" in message, message


def test_a_file_saved_by_windows_notepad_is_read(content):
    content.write_all()
    text = (
        "name: 滕州市鲁南农品电子商务有限公司\r\ndistrict: 滕州市\r\nindustry: 农副土特产品\r\n"
        "summary: 把滕州马铃薯卖到全国。\r\ndescription: |\r\n  第一段。\r\n\r\n  第二段。\r\n"
    )
    content.write("enterprise", text="\ufeff" + text)
    (enterprise,) = site_of(content).of("enterprise")
    assert enterprise.name == "滕州市鲁南农品电子商务有限公司"
    assert enterprise.description == "第一段。\n\n第二段。\n"
    # and a mistake in such a file is still reported on its own line
    content.write("enterprise", text="\ufeff" + text.replace("滕州市\r\nindustry", "滕州\r\nindustry"))
    (message,) = messages(content)
    assert ":2:1: district（所在区县）:" in message


def test_numbers_as_spreadsheets_and_input_methods_write_them(content):
    content.write_all()
    content.write("training", text=training_text("2026-12-05 09:00", "2026-12-05 17:00", "capacity: ８０\nfee: 0.0\n"))
    story = copy.deepcopy(CASE)
    story["figures"] = {"annual_sales": "１２.５", "monthly_orders": 900.0, "jobs_created": "６"}
    story["started"] = 2014.0
    content.write("case", data=story)
    site = site_of(content)
    (training,), (case,) = site.of("training"), site.of("case")
    assert (training.capacity, training.fee) == (80, 0) and type(training.capacity) is int
    assert case.figures == {"annual_sales": 12.5, "monthly_orders": 900, "jobs_created": 6}
    assert case.started == 2014 and type(case.started) is int
    pages = generated_files(site, CONFIG)
    assert "<dd>80 人</dd>" in pages["trainings/weidian-rumen.md"] and "<dd>免费</dd>" in pages["trainings/weidian-rumen.md"]
    assert "<dd>2014 年</dd>" in pages["cases/yicheng-shiliu.md"]


def test_words_in_a_number_field_are_still_refused(content):
    content.write_all()
    content.write("training", text=training_text("2026-12-05 09:00", "2026-12-05 17:00", "capacity: 八十\n"))
    (message,) = messages(content)
    assert "capacity（名额（人））" in message and "整数" in message


def test_blank_optional_text_is_refused_not_published_empty(content):
    content.write_all()
    content.write("case", quote="　 ")  # a full-width and a half-width space
    (message,) = messages(content)
    assert "quote（主人公的话）" in message and "不能为空或只有空格" in message


@pytest.mark.parametrize(
    "written",
    [
        "１３８１２３４５６７８",
        "138 1234 5678",
        "138-1234-5678",
        "138.1234.5678",
        "+86 138 1234 5678",
        "0086 13812345678",
        "(+86)138-1234-5678",
        "138—1234—5678",
    ],
)
def test_mobile_numbers_however_written_are_found_and_masked(content, written):
    content.write_all()
    content.write("case", story=f"第一段。\n\n想进货的可以打{written}找她。\n")
    (message,) = messages(content)
    assert "story（故事正文）" in message and "手机号 138****5678" in message
    assert "12345678" not in message.replace("138****5678", "")


@pytest.mark.parametrize("written", ["110105 1949 1231 002X", "110105-19491231-002X", "１１０１０５１９４９１２３１００２Ｘ"])
def test_id_numbers_with_separators_or_full_width_digits_are_found(content, written):
    content.write_all()
    content.write("case", story=f"身份证 {written}")
    (message,) = messages(content)
    assert "身份证号 110105********002X" in message


def test_landlines_years_and_credit_codes_are_not_private_numbers(content):
    content.write_all()
    content.write("case", story="电话 0632-5551234，2014 年 2015 年，信用代码 913704001234567890，订单 1381 单。")
    assert messages(content) == []


def picture(content, name, size=(400, 200), exif=None, mode="RGB"):
    path = content.root / "media" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    image = PILImage.new(mode, size, (200, 80, 40))
    for x in range(size[0] // 4):  # a blue band on the left edge shows which way is up
        for y in range(size[1]):
            image.putpixel((x, y), (0, 0, 255) if mode == "RGB" else (0, 0, 255, 255))
    options = {"exif": exif.tobytes()} if exif is not None else {}
    if name.endswith(".png"):
        options["pnginfo"] = None
    image.save(path, **{k: v for k, v in options.items() if v is not None})
    return path


def phone_exif(orientation: int = 6):
    exif = PILImage.Exif()
    exif[0x0112] = orientation  # the phone was held upright: rotate 90° clockwise to show
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (34.0, 51.0, 30.0), 3: "E", 4: (117.0, 33.0, 20.0)}  # GPS: someone's home
    return exif


@pytest.mark.parametrize("name", ["phone.jpg", "phone.png", "phone.webp"])
def test_phone_photos_are_published_upright_and_without_exif(tmp_path, content, name):
    content.write_all()
    picture(content, name, exif=phone_exif())
    content.write("enterprise", photos=[{"src": f"media/{name}", "alt": "门店"}])
    site = site_of(content)
    page = generated_files(site, CONFIG)["enterprises/lunan-nongpin.md"]
    assert 'alt="门店" width="200" height="400"' in page  # the upright size, for the layout

    project = make_project(tmp_path, content.root)
    assert run_cli("render", cwd=project).returncode == 0
    published = (project / "docs" / "media" / name).read_bytes()
    with PILImage.open(io.BytesIO(published)) as image:
        assert image.size == (200, 400)
        blue = image.convert("RGB").getpixel((100, 20))
        assert blue[2] > 200 and blue[0] < 60, blue  # the left band is now on top: upright
        assert dict(image.getexif()) == {}
    for marker in (b"Exif", b"PhoneMaker", b"GPS"):
        assert marker not in published, marker


def test_images_with_chinese_or_spaced_names_in_a_body_are_shown(content):
    content.write_all()
    picture(content, "门店外景.jpg", size=(800, 400))
    picture(content, "shop front.jpg", size=(800, 400))
    content.write("enterprise", description="![外景](media/门店外景.jpg)\n\n![正门](<media/shop front.jpg>)\n")
    assert messages(content) == []
    page = generated_files(site_of(content), CONFIG)["enterprises/lunan-nongpin.md"]
    assert 'alt="外景" decoding="async" height="400" loading="lazy" src="../../media/门店外景.jpg"' in page
    assert 'alt="正门" decoding="async" height="400" loading="lazy" src="../../media/shop front.jpg"' in page


def test_a_decompression_bomb_gets_the_too_big_message_not_a_traceback(content):
    content.write_all()
    path = content.root / "media" / "bomb.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("1", (20000, 20000)).save(path)  # 50 KB on disk, 400 million pixels
    assert path.stat().st_size < 200_000
    content.write("enterprise", photos=[{"src": "media/bomb.png", "alt": "门店"}])
    (message,) = messages(content)
    assert "图片太大" in message and "photos 第 1 项 src（图片文件）" in message


def test_a_corrupt_image_keeps_its_message(content):
    content.write_all()
    path = content.root / "media" / "broken.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"not really a picture" * 10)
    content.write("enterprise", photos=[{"src": "media/broken.jpg", "alt": "门店"}])
    (message,) = messages(content)
    assert "不是能打开的图片文件" in message


def test_an_image_from_content_media_in_a_body_is_shown_sized_for_phones(tmp_path, content):
    content.write_all()
    picture(content, "shop.jpg", size=(3000, 1500))
    content.write("enterprise", description="我们的门店：\n\n![门店外景](media/shop.jpg)\n")
    page = generated_files(site_of(content), CONFIG)["enterprises/lunan-nongpin.md"]
    assert '<img alt="门店外景" decoding="async" height="600" loading="lazy" src="../../media/shop.jpg" width="1200">' in page, (
        page
    )
    project = make_project(tmp_path, content.root)
    assert run_cli("render", cwd=project).returncode == 0
    assert (project / "docs" / "media" / "shop.jpg").is_file()


@pytest.mark.parametrize(
    "body, words",
    [
        ("![门店](https://img.example.com/a.jpg)", ["img.example.com", "content/media/"]),
        ('<img src="http://pic.example.cn/b.png" alt="x">', ["pic.example.cn", "content/media/"]),
        ("<iframe src='https://v.example.com/1'></iframe>", ["v.example.com", "<iframe>"]),
        ('<video src="//media.example.org/a.mp4"></video>', ["media.example.org", "视频"]),
        ("<script>alert(1)</script>", ["<script>", "脚本"]),
        ("<style>body{display:none}</style>", ["<style>"]),
        ("[点我](javascript:alert(1))", ["javascript:", "https://"]),
        ("<a href='https://ok.example' onclick='x()'>好</a>", ["onclick"]),
        ('<img src="media/shop.jpg" alt="门店">', ["![图片说明](media/文件名.jpg)"]),
        ("![门店](media/none.jpg)", ["找不到图片文件 content/media/none.jpg"]),
        ("![](media/shop.jpg)", ["alt"]),
        ("![门店](media/门 店.jpg)", ["空格", "![图片说明](<media/文件 名.jpg>)"]),  # CommonMark: no image, shown as text
        ("[下载资料](ftp://files.example.cn/a.zip)", ["ftp:", "https://"]),
        ("加微信：[点这里](weixin://dl/chat)", ["weixin:", "网址"]),
        ("[点我](javascript&#58;alert(1))", ["javascript:", "不安全"]),  # an entity the converter decodes
        ("<template><p>藏起来的内容</p></template>", ["<template>"]),
    ],
)
def test_what_a_body_would_lose_is_an_error_naming_it(content, body, words):
    content.write_all()
    picture(content, "shop.jpg")
    content.write("enterprise", description=f"第一段。\n\n{body}\n")
    (message,) = messages(content)
    assert "description（企业介绍）" in message and ":18:" in message, message  # the body's third line
    for word in words:
        assert word in message, (word, message)
