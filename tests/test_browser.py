"""The sample site in headless Chromium: phone layout, Chinese search, the proposal filter, axe-core."""

from __future__ import annotations

import pytest

from tests.browser import chromium, screenshot, serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(sample_site):
    with serve(sample_site) as base, chromium() as browser:
        yield base, browser


def open_page(site, path: str, width: int = 390, height: int = 844):
    base, browser = site
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    page.js_errors = errors
    return page


# Pages with every kind of table a student reads, plus the hand-written and error pages.
KEY_PAGES = {
    "": "home", "organizations/": "organizations", "organizations/fed/": "roster",
    "organizations/fed/2024-2025/": "roster-archive", "congresses/": "congresses", "congresses/fed-2025/": "congress",
    "announcements/": "announcements", "announcements/results-renji-2026/": "results", "reviews/": "reviews",
    "reviews/fed-2025-2026-1/": "review", "proposals/": "proposals", "proposals/fed-2025-001/": "proposal",
    "compliance/": "compliance", "downloads/": "downloads", "about/": "about", "guide/new-term/": "guide",
    "search/": "search", "404.html": "404",
}

# The identifying cell (.gs-name) and the outcome, status or date cells (.gs-key) of every row, and the
# first cell of tables without them (hand-written pages), that lie outside the viewport; dates split
# over two lines; and how far the page scrolls sideways.
LAYOUT = """() => {
  const width = document.documentElement.clientWidth;
  const outside = [];
  for (const table of document.querySelectorAll("article table")) {
    for (const row of table.querySelectorAll("tbody tr")) {
      let cells = row.querySelectorAll(".gs-name, .gs-key");
      if (!cells.length) cells = [row.cells[0]];
      for (const cell of cells) {
        const box = cell.getBoundingClientRect();
        if (box.width && (box.left < 0 || box.right > width + 0.5)) outside.push(cell.textContent.trim());
      }
    }
  }
  const broken = [...document.querySelectorAll("article .gs-date")]
    .filter(d => d.getClientRects().length > 1).map(d => d.textContent);
  return {outside, broken, overflow: document.documentElement.scrollWidth - width};
}"""


def layout_problems(page) -> list[str]:
    found = page.evaluate(LAYOUT)
    problems = [f"key cell outside the viewport: {text}" for text in found["outside"][:5]]
    problems += [f"date broken over two lines: {text}" for text in found["broken"][:5]]
    if found["overflow"] > 0:
        problems.append(f"page scrolls sideways by {found['overflow']}px")
    return problems


@pytest.mark.parametrize("path", KEY_PAGES)
def test_phone_shows_every_key_cell_without_sideways_scrolling(site, path):
    page = open_page(site, path)
    problems = layout_problems(page)
    screenshot(page, f"phone-{KEY_PAGES[path]}", full_page=True)
    assert problems == [], path
    assert page.js_errors == []
    page.close()


@pytest.mark.parametrize("path", ["", "congresses/fed-2025/", "proposals/", "compliance/", "reviews/fed-2025-2026-1/"])
def test_desktop_uses_the_width(site, path):
    page = open_page(site, path, width=1366, height=900)
    primary = page.locator(".md-sidebar--primary").first.is_visible()
    content = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
    screenshot(page, f"desktop-{KEY_PAGES[path]}", full_page=True)
    assert not primary and content >= 1000, (primary, content)
    assert layout_problems(page) == []
    page.close()


def test_every_page_links_its_feeds(site):
    page = open_page(site, "proposals/fed-2025-001/")
    feeds = page.eval_on_selector_all('link[rel~=alternate][type="application/atom+xml"]', "els => els.map(e => e.href)")
    assert [f.rsplit("/", 1)[1] for f in feeds] == ["announcements.xml", "answers.xml"]
    page.close()


def test_header_search_finds_the_proposal_and_opens_it(site):
    page = open_page(site, "proposals/", width=1280, height=900)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.fill("#gs-header-q", "自习室")
    assert not [url for url in requested if "pagefind" in url]  # nothing is fetched before a search
    page.press("#gs-header-q", "Enter")
    page.wait_for_selector("#gs-search-results li a", timeout=15_000)
    assert page.input_value("#gs-search-q") == "自习室" and "q=" in page.url
    status = page.inner_text("#gs-search-status")
    first = page.locator("#gs-search-results li").first
    what, excerpt = first.locator(".gs-hit__what").inner_text(), first.locator(".gs-hit__excerpt").inner_text()
    screenshot(page, "search-自习室")
    assert status.startswith("找到 ") and "条记录" in status
    assert what.startswith("提案") and any(year in what for year in ("2024", "2025", "2026"))
    assert "自习室" in excerpt and first.locator("mark").first.inner_text() == "自习室"
    assert "考试周期间自习室座位紧张" in page.inner_text("#gs-search-results")  # the text as written, no spaces
    page.keyboard.press("Tab")  # from the results page's box, keyboard reaches the results
    first.locator("a").first.click()
    page.wait_for_load_state()
    assert "/proposals/" in page.url and "自习室" in page.inner_text("h1")
    assert page.js_errors == []
    page.close()


def test_proposal_filter_shows_only_overdue(site):
    page = open_page(site, "proposals/")
    rows_before = page.locator("#gs-proposals tbody tr").count()
    page.select_option("select[name=status]", "overdue")
    page.wait_for_function("document.getElementById('gs-count').textContent.startsWith('符合条件')")
    rows = page.locator("#gs-proposals tbody tr")
    assert rows.count() == 1 < rows_before
    assert "逾期" in rows.first.inner_text()
    page.select_option("select[name=status]", "")
    page.select_option("select[name=year]", "2024")
    years = page.eval_on_selector_all("#gs-proposals tbody tr td:last-child", "els => els.map(e => e.textContent)")
    assert years and all(y.startswith("2024年") for y in years)
    screenshot(page, "proposals-filtered")
    page.close()


def axe_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.parametrize("path", KEY_PAGES)
def test_no_accessibility_violation_of_any_impact(site, path):
    page = open_page(site, path)
    assert axe_violations(page) == []
    page.close()


@pytest.mark.slow
def test_every_page_is_phone_ready_and_accessible(site, sample_site):
    """The full sweep (run with -m slow): every built page, layout at 390 px and axe-core."""
    failures = {}
    for file in sorted(sample_site.rglob("index.html")):
        path = file.parent.relative_to(sample_site).as_posix()
        path = "" if path == "." else path + "/"
        page = open_page(site, path)
        problems = layout_problems(page) + [str(v) for v in axe_violations(page)]
        if problems:
            failures[path] = problems
        page.close()
    assert failures == {}
