"""A public record kind declared only here, on its model, is published with no other code: its
tab, its index and record pages, its CSV and JSON downloads, its search entries; and no field it
does not declare public (nor anything under ``private``) reaches any output."""

import csv
import gzip
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from pydantic import Field

from generator.records import models
from generator.records.dataset import load
from generator.site import navigation, pointers
from generator.site.build import build_site
from generator.site.render.search import Entry
from generator.workflow.project import Names, init
from tests.conftest import TODAY

CANARIES = ("CANARYNOTE93731", "13900093731", "13800093731")
TEMPLATE = """---
title: {{ record.title|front }}
description: {{ section.title|front }}
---

<h1 id="title">{{ record.title }}</h1>

<p class="gs-meta"><time datetime="{{ record.fields.date }}">{{ record.fields.date|zh }}</time></p>

<div class="gs-body">
{{ record.fields.body }}
</div>

<p>标签：{{ record.fields.tags|join("、") }}</p>
"""
RECORD = """schema: gongshi/v1
id: canteen
title: 食堂延长营业时间的通知
date: 2026-11-20
body: 即日起**第一食堂**晚餐延长至二十点。
tags: [后勤, 食堂]
issuer:
  office: 后勤保障处
  private:
    phone: "13800093731"
draft_note: 内部备注 CANARYNOTE93731
private:
  phone: "13900093731"
"""


class PrivateNotice(models.Node):
    phone: str = Field(description="联系电话")


class Issuer(models.Node):
    office: str = Field(description="发布部门")
    private: PrivateNotice  # inside a public field: still never published


@pytest.fixture
def notice_kind():
    """The kind exists only while a test uses it (the registry is filled as a class is defined)."""

    class Notice(models.Record):
        KIND = models.Kind("notice", "notices", "通知", public=True, page="pages/notice.html.j2", nav="通知",
                           nav_order=6, public_fields=("title", "date", "body", "tags", "issuer"),
                           markdown_fields=("body",), search_fields=("title", "body", "tags"))
        title: models.Text = Field(description="标题")
        date: models.Day = Field(description="发布日期")
        body: models.Markdown = Field(description="正文")
        tags: list[str] = Field(default_factory=list, description="标签（可多个）")
        issuer: Issuer = Field(description="发布部门")
        draft_note: str = Field("", description="内部备注，不公开")
        private: PrivateNotice

    yield Notice
    models.KINDS.remove(Notice)
    del models.BY_KIND["notice"], models.BY_FOLDER["notices"]


@pytest.fixture
def repo(notice_kind, tmp_path) -> Path:
    repo = tmp_path / "repo"
    init(repo, Names(), TODAY)
    (repo / "templates/pages").mkdir(parents=True)
    (repo / "templates/pages/notice.html.j2").write_text(TEMPLATE, encoding="utf-8")
    (repo / "data/notices").mkdir()
    (repo / "data/notices/canteen.yaml").write_text(RECORD, encoding="utf-8")
    (repo / "data/notices/library.yaml").write_text(
        RECORD.replace("canteen", "library").replace("食堂延长营业时间", "图书馆闭馆")
        .replace("第一食堂", "图书馆"), encoding="utf-8")
    return repo


@pytest.fixture
def site(repo, tmp_path) -> Path:
    out = tmp_path / "site"
    build_site(repo / "mkdocs.yml", None, out, TODAY)
    return out


def _outputs(site: Path):
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        yield path, gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw  # .gz and Pagefind's files


def test_a_kind_declared_on_its_model_alone_is_published(site):
    home = (site / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(r'<a href="([^"]*)" class="md-tabs__link">\s*(\S+)\s*</a>', home)
    # its tab among the kinds' (by nav_order), which follow the home page; then mkdocs.yml's other pages
    assert tabs == [(".", "首页"), ("announcements/", "公告"), ("organizations/", "组织架构"),
                    ("congresses/", "代表大会"), ("reviews/", "述职评议"), ("proposals/", "提案"),
                    ("notices/", "通知"), ("compliance/", "合规"), ("downloads/", "数据下载"), ("about/", "关于")]
    assert "canteen" not in home  # only index pages are in the navigation

    index = (site / "notices/index.html").read_text(encoding="utf-8")
    assert "<h1 id=\"title\">通知</h1>" in index and 'href="canteen/"' in index and 'href="library/"' in index
    page = (site / "notices/canteen/index.html").read_text(encoding="utf-8")
    assert "<strong>第一食堂</strong>" in page and "2026年11月20日" in page and "标签：后勤、食堂" in page

    table = list(csv.reader(io.StringIO((site / "downloads/notices.csv").read_text(encoding="utf-8-sig"))))
    assert table[0] == ["编号", "标题", "发布日期", "正文", "标签", "发布部门"] and table[1][:3] == ["canteen", "食堂延长营业时间的通知", "2026-11-20"]
    assert table[1][3] == "即日起第一食堂晚餐延长至二十点。" and table[1][4] == "后勤、食堂"
    everything = json.loads((site / "downloads/gongshi.json").read_text(encoding="utf-8"))
    assert [n["id"] for n in everything["notices"]] == ["canteen", "library"]
    assert set(everything["notices"][0]) == {"id", "title", "date", "body", "tags", "issuer"}
    assert everything["notices"][0]["issuer"] == {"office": "后勤保障处"}
    package = json.loads((site / "downloads/datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "notices")
    assert resource["path"] == "notices.csv" and resource["schema"]["primaryKey"] == ["编号"]
    assert {f["name"]: f["type"] for f in resource["schema"]["fields"]}["发布日期"] == "date"
    assert "notices.csv" in (site / "downloads/index.html").read_text(encoding="utf-8")
    reference = (site / "guide/records/index.html").read_text(encoding="utf-8")
    assert "只公开 title、date、body、tags、issuer；其他字段只用于检查" in reference  # what staff read

    fragments = [gzip.decompress(f.read_bytes()).decode("utf-8") for f in (site / "pagefind/fragment").iterdir()]
    found = [f for f in fragments if '"url":"/notices/canteen.html"' in f]
    assert len(found) == 1 and "食堂延长营业时间的通知" in found[0] and '"kind":"通知"' in found[0]
    assert "即日起第一食堂晚餐延长至二十点" in found[0]


def test_nothing_a_declared_kind_does_not_make_public_reaches_any_output(site):
    assert [str(p.relative_to(site)) for p, raw in _outputs(site) for c in CANARIES if c.encode() in raw] == []


def test_a_kind_cannot_declare_what_it_does_not_have_or_what_is_private():
    with pytest.raises(ValueError, match="never published"):
        models.Kind("x", "xs", "某", public=True, page="pages/x.html.j2", public_fields=("title", "private"))
    with pytest.raises(ValueError, match="must be public_fields"):
        models.Kind("x", "xs", "某", public=True, page="pages/x.html.j2", public_fields=("title",),
                    search_fields=("body",))
    with pytest.raises(ValueError, match="public=True"):
        models.Kind("x", "xs", "某", public=False, public_fields=("title",))
    with pytest.raises(ValueError, match="not fields of"):
        class Wrong(models.Record):  # noqa: F841 - refused before it is registered
            KIND = models.Kind("wrong", "wrongs", "错", public=True, page="pages/x.html.j2", public_fields=("nope",))
            title: str
    assert "wrong" not in models.BY_KIND
    with pytest.raises(ValueError, match="site's own"):  # its pages would replace the site's
        models.Kind("x", "downloads", "某", public=True, page="pages/x.html.j2")
    with pytest.raises(ValueError, match="another kind's"):
        class Twice(models.Record):  # noqa: F841 - refused before it is registered
            KIND = models.Kind("proposal-copy", "proposals", "提案副本", public=True, page="pages/x.html.j2")
    assert "proposal-copy" not in models.BY_KIND and models.BY_FOLDER["proposals"] is models.Proposal


def test_a_finding_about_a_declared_kind_links_its_page(repo):
    data = load(repo / "data")
    assert pointers.pointer(data, TODAY, str(repo / "data/notices/library.yaml")) == {
        "title": "图书馆闭馆的通知", "url": "notices/library/", "date": None}


def test_tabs_an_older_mkdocs_yml_lists_by_hand_stay_where_they_are():
    nav = [{"首页": "index.md"}, {"关于": "about.md"}, {"公告": "announcements/index.md"}]
    assert navigation.with_kinds(nav) == [
        {"首页": "index.md"}, {"组织架构": "organizations/index.md"}, {"代表大会": "congresses/index.md"},
        {"述职评议": "reviews/index.md"}, {"提案": "proposals/index.md"}, {"关于": "about.md"},
        {"公告": "announcements/index.md"}]
    assert navigation.with_kinds(None) is None  # MkDocs then lists the pages itself


def test_search_labels_a_declared_kind_by_its_chinese_name(notice_kind):
    assert Entry("notices/a/", "标题", "notice", "", "", "").label == "通知"


def test_the_pull_request_summary_groups_a_declared_kind_under_its_chinese_name(notice_kind):
    from generator.workflow import diff

    change = diff.PageChange("changed", "notices/canteen.md", "食堂延长营业时间的通知")
    assert change.group == "通知"
    assert diff.order().index("通知") < diff.order().index(diff.OTHER)
    assert diff.PageChange("changed", "proposals/fed-2024-001.md", "提案").group == "提案"
