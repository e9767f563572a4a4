"""Search: Pagefind's index of the records, queried in headless Chromium exactly as the search page does.

Recall is measured against the built pages themselves: for each query word, the record pages
whose text (without blocks marked ``data-search-exclude``, which repeat other pages) contains it.
Material's search, which this replaced, found no page for a piece inside a longer word (场馆 in
体育场馆: 0 of 340 pages on the 10-year data), so pieces are held to the same bar as whole words.
"""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.site.render.search import KINDS
from generator.site.search_index import tokens
from tests.browser import chromium, screenshot, serve

SECTIONS = ("proposals", "announcements", "congresses", "reviews", "organizations")
# Whole words of 2-4 characters from the sample's records, and 2-character pieces inside longer words.
WORDS = ["食堂", "自习室", "照明", "路灯", "供餐", "窗口", "预约", "体育馆", "后勤保障处", "选举", "工作报告",
         "主席团", "实验室", "开放时间", "团委", "图书馆", "网络", "教务处", "座位", "安全隐患", "心理", "宿舍"]
PIECES = ["场馆", "习室", "勤保", "夜间", "餐窗", "务处", "全隐", "育馆", "作报", "席团"]


class _ArticleText(HTMLParser):
    """The text of a page's <article>, without subtrees marked data-search-exclude."""

    VOID = {"br", "img", "input", "hr", "meta", "link", "wbr", "source", "col"}

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <article>
        self.skip = 0  # depth inside an excluded subtree
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if tag == "article":
            self.depth += 1
        if self.skip:
            self.skip += 1
        elif any(name == "data-search-exclude" for name, _ in attrs):
            self.skip = 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.skip:
            self.skip -= 1
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def record_pages(site: Path) -> dict[str, str]:
    """URL -> article text of every record page (list pages and year pages are not records)."""
    out = {}
    for section in SECTIONS:
        for page in (site / section).rglob("index.html"):
            url = page.parent.relative_to(site).as_posix() + "/"
            if page.parent.name == section or re.fullmatch(r"\d{4}(-\d{4})?", page.parent.name):
                continue
            parser = _ArticleText()
            parser.feed(page.read_text(encoding="utf-8"))
            out[url] = "".join(parser.parts)
    return out


@pytest.fixture(scope="module")
def site(sample_site):
    with serve(sample_site) as base, chromium() as browser:
        yield base, browser


@pytest.fixture(scope="module")
def engine(site):
    """A search page in headless Chromium, with the page's own tokens() and Pagefind loaded."""
    base, browser = site
    page = browser.new_page()
    page.goto(base + "search/")
    yield base, page
    page.close()


FIND = """async (queries) => {
  const pagefind = await window.gongshiSearch.load();
  const out = {};
  for (const q of queries) {
    const found = await pagefind.search(window.gongshiSearch.tokens(q).join(" "));
    const data = await Promise.all(found.results.map(r => r.data()));
    out[q] = data.filter(d => (d.meta.title + " " + d.meta.text).includes(q)).map(window.gongshiSearch.page);
  }
  return out;
}"""


def recall(engine, site: Path, words: list[str]) -> tuple[float, dict]:
    base, page = engine
    pages = record_pages(site)
    found = page.evaluate(FIND, words)
    hits = total = 0
    missed = {}
    for word in words:
        expected = {url for url, text in pages.items() if word in text}
        assert expected, f"no record page contains {word}: pick words from the sample"
        got = {url.lstrip("/") for url in found[word]}
        hits += len(expected & got)
        total += len(expected)
        if expected - got:
            missed[word] = sorted(expected - got)
    return hits / total, missed


@pytest.mark.browser
def test_whole_words_are_found_on_the_pages_that_contain_them(engine, sample_site):
    score, missed = recall(engine, sample_site, WORDS)
    assert score >= 0.95, missed


@pytest.mark.browser
def test_pieces_inside_longer_words_are_found(engine, sample_site):
    score, missed = recall(engine, sample_site, PIECES)
    assert score >= 0.95, missed


@pytest.mark.browser
def test_the_browser_splits_queries_as_the_indexer_does(engine):
    _, page = engine
    queries = ["食堂", "自习室", "后勤保障处", "体育场馆 2025", "ＡＣＭ竞赛", "会", "Wi-Fi 覆盖"]
    assert page.evaluate("qs => qs.map(q => window.gongshiSearch.tokens(q))", queries) == [tokens(q) for q in queries]


def test_the_index_holds_records_not_list_pages(sample_site):
    urls = set()
    for fragment in (sample_site / "pagefind/fragment").iterdir():
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        urls.add(re.search(r'"url":"([^"]+)\.html"', text).group(1) + "/")
    assert {"/proposals/fed-2025-001/", "/organizations/fed/", "/congresses/fed-2025/"} <= urls
    assert not urls & {"/", "/proposals/", "/announcements/", "/congresses/", "/compliance/", "/search/"}
    assert not [u for u in urls if u.startswith("/guide/")]  # staff guide pages are not student results
    assert not [u for u in urls if re.fullmatch(r"/\w+/\d{4}/", u)]  # year pages are lists


def test_no_page_loads_search_until_asked(sample_site):
    for page in ("index.html", "proposals/fed-2025-001/index.html", "search/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        assert "pagefind" not in html and "search_index" not in html and "lunr" not in html
    assert not (sample_site / "search/search_index.json").exists()
    box = (sample_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<form class="gs-search-box" role="search" action="search/" method="get">', box)
    assert '<label class="gs-search-box__label" for="gs-header-q">搜索记录</label>' in box


def test_tokens_pair_chinese_characters_and_keep_other_words():
    assert tokens("自习室") == [tokens("自习")[0], tokens("习室")[0]]
    assert len(tokens("食")[0]) == 4 and tokens("食堂")[0].startswith(tokens("食")[0])
    assert tokens("ACM 竞赛 2025") == ["acm", *tokens("竞赛"), "2025"]
    assert all(re.fullmatch(r"[a-z0-9]+", t) for t in tokens("体育场馆，开放时段（Wi-Fi）"))
    assert set(KINDS.values()) >= {"提案", "公告", "名单", "代表大会", "述职评议"}


@pytest.mark.browser
def test_results_page_on_a_phone_is_accessible_and_says_what_each_hit_is(site):
    from tests.test_browser import axe_violations, layout_problems

    base, browser = site
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page.goto(base + "search/?q=" + "主席团")
    page.wait_for_selector("#gs-search-results li")
    hits = page.locator("#gs-search-results li")
    kinds = set(page.eval_on_selector_all(".gs-hit__what .gs-badge", "els => els.map(e => e.textContent)"))
    labels = page.eval_on_selector_all("#gs-search-results li", "els => els.map(e => e.innerText.split('\\n').slice(0, 2).join(' '))")
    screenshot(page, "phone-search-主席团")
    assert hits.count() == 10 and page.is_visible("#gs-search-more")  # ten at a time
    assert kinds <= set(KINDS.values()) and len(kinds) >= 2
    assert len(set(labels)) == len(labels), labels  # title, kind, organization and year tell hits apart
    assert page.get_attribute("#gs-search-status", "aria-live") == "polite"
    page.click("#gs-search-more")
    page.wait_for_function("document.querySelectorAll('#gs-search-results li').length > 10")
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#gs-search-results li')[10]")
    assert axe_violations(page) == [] and layout_problems(page) == []
    page.goto(base + "proposals/")  # the header's button opens the search page on a phone
    page.click(".gs-search-box__button")
    page.wait_for_url("**/search/?q=")
    assert page.is_visible("#gs-search-q")
    page.close()


ROW = ("proposals/p-1/", "关于食堂的提案", "提案", "学联", "2026", "食堂早餐供应不足")


def test_the_index_is_written_when_memory_for_its_documents_is_missing_or_full(tmp_path, monkeypatch):
    from generator.site import search_index
    from generator.site.render.search import Entry

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert search_index._memory() is None  # TMPDIR, when set, is where scratch files go
    search_index.write([Entry("proposals/p-1/", "关于食堂的提案", "proposal", "学联", "2026", "食堂早餐供应不足")],
                       tmp_path / "site")  # by the second process, which has the same TMPDIR
    assert len(list((tmp_path / "site/pagefind/fragment").iterdir())) == 1
    monkeypatch.setattr(search_index, "_memory", lambda: str(tmp_path / "no-such-folder"))
    search_index.index([ROW], str(tmp_path / "bundle"))
    assert len(list((tmp_path / "bundle/fragment").iterdir())) == 1


def test_indexing_in_memory_that_fails_is_done_again_on_disk(tmp_path, monkeypatch):
    """A small /dev/shm (a container's 64 MB) fills up: Pagefind fails there, and the index is
    written with its scratch files on disk instead."""
    from generator.site import search_index

    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(search_index, "_memory", lambda: str(memory))
    real, scratches = search_index._index, []

    def full_memory(documents, bundle, scratch):
        scratches.append(scratch)
        return "No space left on device" if scratch == str(memory) else real(documents, bundle, scratch)

    monkeypatch.setattr(search_index, "_index", full_memory)
    search_index.index([ROW], str(tmp_path / "bundle"))
    assert scratches == [str(memory), None]
    assert len(list((tmp_path / "bundle/fragment").iterdir())) == 1
    assert not (tmp_path / "bundle/pagefind-ui.js").exists()  # Pagefind's own UI is left out


def test_pagefind_output_with_empty_or_missing_files_is_not_published(tmp_path, monkeypatch):
    """Pagefind exits 0 even when a full /dev/shm left its files empty: such output is refused
    (and indexed again on disk), never copied into the site."""
    import shutil

    from generator.site import search_index

    rows = [ROW, ("proposals/p-2/", "关于路灯的提案", "提案", "学联", "2026", "路灯不亮")]
    search_index.index(rows, str(tmp_path / "whole"))
    assert search_index._incomplete(tmp_path / "whole") == ""
    for name, damage in [("empty", lambda f: f.write_bytes(b"")), ("missing", lambda f: f.unlink())]:
        shutil.copytree(tmp_path / "whole", tmp_path / name)
        damage(sorted((tmp_path / name / "fragment").iterdir())[0])
        assert search_index._incomplete(tmp_path / name).startswith("索引文件不完整")
    (tmp_path / "empty/pagefind-entry.json").write_bytes(b"")
    assert search_index._incomplete(tmp_path / "empty") == "pagefind-entry.json 缺失或不完整"


def test_scratch_folders_of_killed_processes_are_removed(tmp_path, monkeypatch):
    """A process killed while it indexed leaves its scratch folder (in memory): the next index
    removes it, but not a folder whose process still holds its lock, nor a new one not yet locked."""
    import fcntl
    import os
    import time

    from generator.site import search_index
    from generator.site.render.search import Entry

    dead, alive, new, old = (tmp_path / f"gongshi-search-{name}" for name in ("dead", "alive", "new", "old"))
    for folder in dead, alive, new, old:
        folder.mkdir()
    (dead / search_index.LOCK).write_text("")
    hour_ago = time.time() - 3700
    os.utime(old, (hour_ago, hour_ago))
    with open(alive / search_index.LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as the process using it holds it
        monkeypatch.setenv("TMPDIR", str(tmp_path))  # the scratch folders' place, for the second process too
        search_index.write([Entry("proposals/p-1/", "关于食堂的提案", "proposal", "学联", "2026", "食堂早餐供应不足")],
                           tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", alive.name, new.name])  # its own is gone too


def test_a_failure_in_the_second_process_is_said_in_chinese(tmp_path):
    """What went wrong in the indexing process reaches the build as one Chinese line, no traceback."""
    from generator.site import search_index
    from generator.site.render.search import Entry

    blocked = tmp_path / "site"
    blocked.write_text("not a folder")
    with pytest.raises(search_index.SearchIndexError) as failed:
        search_index.write([Entry("proposals/p-1/", "关于食堂的提案", "proposal", "学联", "2026", "食")], blocked)
    assert str(failed.value).startswith("搜索索引生成失败（pagefind）：") and "Traceback" not in str(failed.value)
