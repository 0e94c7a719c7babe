"""Validation: each rule, and the Chinese message (file, line, field) an editor gets."""

from __future__ import annotations

import copy

import pytest
from conftest import CASE, ENTERPRISE, POINT_AT_THE_ENTERPRISE, RECORDS, TODAY
from PIL import Image as PILImage

from generator.content.validate import check_content


def problems_of(content):
    result = check_content(content.root, TODAY)
    assert result.site is None, "expected problems"
    return result.problems


def only(problems):
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def test_valid_content_gives_a_site_with_resolved_taxonomy(valid_content):
    result = check_content(valid_content.root, TODAY)
    assert result.problems == []
    enterprise = result.site.of("enterprise")[0]
    assert enterprise.district.id == "tengzhou" and enterprise.district.name == "滕州市"
    assert [m.id for m in enterprise.modes] == ["b2c", "rural"]
    assert result.counts == {kind: 1 for kind in RECORDS}


def test_taxonomy_value_by_id_is_accepted(content):
    content.write_all()
    content.write("enterprise", district="tengzhou", industry="agri-products")
    assert check_content(content.root, TODAY).problems == []


def test_district_typo_names_file_line_field_and_suggestion(content):
    content.write_all()
    path = content.write("enterprise", district="滕州")
    problem = only(problems_of(content))
    assert problem.file.endswith("enterprises/lunan-nongpin.yaml")
    assert problem.line == 2
    assert problem.field == "district（所在区县）"
    assert "“滕州”不在区县列表里" in problem.message and "你是不是要写“滕州市”" in problem.message
    assert problem.format().startswith(f"{problem.file}:2:1: district（所在区县）:")
    assert path.exists()


def test_unknown_industry_lists_choices_when_nothing_is_close(content):
    content.write_all()
    content.write("enterprise", industry="航天")
    assert "可以写：农副土特产品" in only(problems_of(content)).message


def test_missing_required_field(content):
    content.write_all()
    record = copy.deepcopy(ENTERPRISE)
    del record["summary"]
    content.write("enterprise", data=record)
    problem = only(problems_of(content))
    assert problem.field == "summary（一句话简介）" and "缺少这个必填字段" in problem.message


def test_unknown_field_suggests_the_closest(content):
    content.write_all()
    record = copy.deepcopy(ENTERPRISE)
    record["distrct"] = record.pop("district")
    content.write("enterprise", data=record)
    messages = [p.message for p in problems_of(content)]
    assert any("没有“distrct”这个字段" in m and "“district”（所在区县）" in m for m in messages)


def test_wrong_type_says_what_is_expected(content):
    content.write_all()
    content.write("training", capacity="八十人")
    problem = only(problems_of(content))
    assert problem.field == "capacity（名额（人））" and "整数" in problem.message and "八十人" in problem.message


def test_summary_too_long(content):
    content.write_all()
    content.write("enterprise", summary="长" * 121)
    assert "121 个字，最多 120 个字" in only(problems_of(content)).message


def test_non_http_url_is_refused(content):
    content.write_all()
    content.write("enterprise", website="javascript:alert(1)")
    problem = only(problems_of(content))
    assert problem.field == "website（企业网站）" and "http://" in problem.message


def test_impossible_date(content):
    content.write_all()
    content.write("case", published="2027-02-30")
    problem = only(problems_of(content))
    assert problem.field == "published（发布日期）" and "日历上没有" in problem.message


def test_datetime_without_time_asks_for_the_time(content):
    content.write_all()
    content.write("training", start="2026-12-05")
    assert "请写上几点" in only(problems_of(content)).message


def test_class_must_end_after_it_starts(content):
    content.write_all()
    content.write("training", end="2026-12-05 08:00")
    problem = only(problems_of(content))
    assert problem.field == "end（结束时间）" and "晚于开始时间" in problem.message


def test_story_enterprise_must_exist(content):
    content.write_all()
    content.write("case", enterprise="no-such-company")
    problem = only(problems_of(content))
    assert problem.field == "enterprise（所属企业）" and "找不到编号为“no-such-company”的企业" in problem.message


def test_no_record_may_point_at_a_draft_enterprise(content):
    content.write_all()
    content.write("enterprise", draft=True)
    problems = problems_of(content)
    assert all("草稿" in p.message for p in problems)
    assert {file for file in POINT_AT_THE_ENTERPRISE if any(p.file.endswith(file) for p in problems)} == POINT_AT_THE_ENTERPRISE
    assert len(problems) == len(POINT_AT_THE_ENTERPRISE)


@pytest.mark.parametrize("name", ["AB.yaml", "x.yaml", "中文.yaml", "-lead.yaml", "with_underscore.yaml"])
def test_file_name_must_be_a_valid_id(content, name):
    content.write_all()
    (content.root / "enterprises" / name).write_text("name: 甲\n", encoding="utf-8")
    problem = only(problems_of(content))
    assert problem.file.endswith(name) and "文件名" in problem.message


def test_yml_extension_is_reported_not_ignored(content):
    content.write_all()
    (content.root / "cases" / "new-story.yml").write_text("title: 甲\n", encoding="utf-8")
    assert ".yaml" in only(problems_of(content)).message


def test_redirect_clash_is_an_error(content):
    content.write_all()
    content.write("enterprise", "second-company", redirect_from=["lunan-nongpin"])
    assert "已被" in only(problems_of(content)).message


def test_unconsented_story_is_not_published(content):
    content.write_all()
    record = copy.deepcopy(CASE)
    record["person"]["consent"] = False
    content.write("case", data=record)
    assert only(problems_of(content)).field == "person consent（本人同意公开）"
    content.write("case", data=dict(record, draft=True))
    assert check_content(content.root, TODAY).problems == []


def test_drafts_are_checked_but_not_published(content):
    content.write_all()
    content.write("training", "draft-class", draft=True)
    result = check_content(content.root, TODAY)
    assert result.drafts == 1 and [t.id for t in result.site.of("training")] == ["weidian-rumen"]
    content.write("training", "draft-class", draft=True, capacity="很多")
    assert check_content(content.root, TODAY).site is None


def test_every_problem_of_every_file_in_one_run(content):
    content.write("enterprise", district="滕州", industry="不存在")
    content.write("case", published="2027-02-30")
    content.write("training", text="title: [\n")
    problems = problems_of(content)
    assert len({p.file for p in problems}) == 3 and len(problems) >= 4


def test_broken_taxonomy_is_reported(content):
    content.write_all()
    (content.root / "taxonomy.yaml").write_text("districts: []\n", encoding="utf-8")
    problems = problems_of(content)
    assert any(p.file.endswith("taxonomy.yaml") for p in problems)


def test_training_audience_may_be_a_list(content):
    content.write_all()
    content.write("training", audience=["企业负责人", "领导干部"])
    result = check_content(content.root, TODAY)
    assert [a.name for a in result.site.of("training")[0].audience] == ["企业负责人", "领导干部"]


def test_private_mobile_number_in_a_story_is_refused_and_masked(content):
    content.write_all()
    content.write("case", story="第一段。\n\n想买石榴请打 13812345678 找我。\n")
    problem = only(problems_of(content))
    assert problem.field == "story（故事正文）" and "138****5678" in problem.message
    assert "13812345678" not in problem.format()


def test_national_id_number_is_refused(content):
    content.write_all()
    content.write("enterprise", summary="法人身份证 11010519491231002X")
    problem = only(problems_of(content))
    assert problem.field == "summary（一句话简介）" and "身份证号 110105********002X" in problem.message


def test_eighteen_digits_with_a_wrong_checksum_are_not_an_id(content):
    content.write_all()
    content.write("enterprise", summary="订单号 110105194912310021")
    assert check_content(content.root, TODAY).problems == []


def test_a_mobile_on_the_business_line_needs_the_owners_consent_and_a_class_phone_may_not_be_one(content):
    content.write_all()
    content.write("enterprise", contact={"phone": "13912345678", "address": "滕州市"})
    content.write("training", registration={"phone": "139 1234 5678"})
    problems = sorted(problems_of(content), key=lambda p: p.field)
    assert [p.field for p in problems] == ["contact phone（办公电话）", "registration phone（报名电话）"]
    assert "139****5678" in problems[0].message and "consent: true" in problems[0].message
    # the owner agreed: the enterprise's line may be their mobile; a class's phone still may not
    content.write("enterprise", contact={"phone": "13912345678", "consent": True, "address": "滕州市"})
    problem = only(problems_of(content))
    assert problem.field == "registration phone（报名电话）" and "139****5678" in problem.message
    # consent covers a mobile number, never an ID number
    content.write("training")
    content.write("enterprise", contact={"phone": "11010519491231002X", "consent": True})
    problem = only(problems_of(content))
    assert problem.field == "contact phone（办公电话）" and "身份证号" in problem.message


def test_numbers_hidden_by_invisible_characters_or_in_an_alt_text_are_found(content):
    content.write_all()
    (content.root / "media").mkdir()
    PILImage.new("RGB", (40, 30)).save(content.root / "media" / "a.jpg")
    content.write(
        "enterprise", summary="订货电话 139\u200b1234\u20605678。", photos=[{"src": "media/a.jpg", "alt": "店主 13812345678"}]
    )
    problems = sorted(problems_of(content), key=lambda p: p.field)
    assert [p.field for p in problems] == ["photos 第 1 项 alt（图片说明）", "summary（一句话简介）"], [
        p.format() for p in problems
    ]
    assert "138****5678" in problems[0].message and "139****5678" in problems[1].message


def test_bidi_controls_are_refused_in_any_text(content):
    content.write_all()
    content.write("case", quote="电话：\u202e8765 4321 931\u202c")
    problem = only(problems_of(content))
    assert problem.field == "quote（主人公的话）" and "U+202E" in problem.message and "方向控制符" in problem.message


def test_drafts_are_not_scanned_for_numbers(content):
    content.write_all()
    content.write("case", "draft-story", story="电话 13812345678", draft=True)
    assert check_content(content.root, TODAY).problems == []


def test_news_post_needs_ascii_slug_known_category_and_date(tmp_path):
    from generator.content.news import check_posts

    posts = tmp_path / "docs" / "news" / "posts"
    posts.mkdir(parents=True)
    (posts / "good.md").write_text(
        "---\ndate: 2026-11-20\nslug: good-post\ntitle: 好\ncategories: [培训通知]\n---\n正文\n", encoding="utf-8"
    )
    (posts / "bad.md").write_text("---\ndate: 2026-13-40\nslug: 中文网址\ntitle: 坏\ncategories: [八卦]\n---\n", encoding="utf-8")
    problems = check_posts(tmp_path / "docs", ["培训通知", "系列报道"])
    assert {p.field for p in problems} == {"date（日期）", "slug（网址名）", "categories（栏目）"}
    assert all(p.file.endswith("bad.md") for p in problems)
