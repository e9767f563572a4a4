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


@pytest.mark.parametrize("path, name", [
    ("", "home"), ("organizations/fed/", "roster"), ("announcements/results-renji-2026/", "announcement"),
    ("proposals/fed-2025-001/", "proposal"), ("proposals/", "proposals"), ("congresses/fed-2025/", "congress"),
])
def test_phone_layout_has_no_horizontal_scroll(site, path, name):
    page = open_page(site, path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(page, f"phone-{name}")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 390px"
    assert page.js_errors == []
    page.close()


def test_chinese_search_finds_the_proposal(site):
    page = open_page(site, "", width=1280, height=900)
    page.click("input.md-search__input")
    page.keyboard.type("食堂")
    page.keyboard.press("End")  # Material searches on keyup; typed CJK text is inserted without one
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    links = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
    titles = page.inner_text(".md-search-result__list")
    screenshot(page, "search-食堂")
    assert any("/proposals/" in link for link in links), links
    assert "食堂" in titles
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


@pytest.mark.parametrize("path", ["", "organizations/fed/", "announcements/results-renji-2026/",
                                  "proposals/fed-2025-001/", "proposals/"])
def test_no_serious_accessibility_violation(site, path):
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(site, path)
    violations = Axe().run(page).response["violations"]
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.close()
