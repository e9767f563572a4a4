"""One "today" (generator/records/today.py) for every command, the MkDocs plugin and the site.

Order: --today > $GONGSHI_TODAY > mkdocs.yml ``today:`` > the real date; whenever it is not the
real date, the command's first line says so.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.records import today
from tests.conftest import ROOT, SAMPLE, DataCopy

CONFIG = "plugins:\n  - search\n  - gongshi:\n      today: {day}\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\nsite_url: !ENV [SITE_URL, '']\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with its own mkdocs.yml (today: 2026-11-20), as the working directory."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(day='"2026-11-20"'), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(today.ENV, raising=False)
    return tmp_path


def test_order_option_env_config_real(project, monkeypatch):
    assert today.resolve().day == date(2026, 11, 20) and today.resolve().source == "config"
    monkeypatch.setenv(today.ENV, "2026-11-21")
    assert today.resolve().day == date(2026, 11, 21) and today.resolve().source == "env"
    assert today.resolve("2026-11-22").day == date(2026, 11, 22)
    monkeypatch.delenv(today.ENV)
    (project / "mkdocs.yml").write_text("plugins:\n  - gongshi\n", encoding="utf-8")
    real = today.resolve()
    assert real.day == date.today() and real.source == "real" and not real.pinned and real.notice() == ""


def test_unquoted_config_date_and_plugins_as_mapping(project):
    (project / "mkdocs.yml").write_text("plugins:\n  gongshi:\n    today: 2026-01-02\n", encoding="utf-8")
    assert today.resolve().day == date(2026, 1, 2)


def test_a_malformed_date_names_its_source(project, monkeypatch, capsys):
    monkeypatch.setenv(today.ENV, "2026-13-01")
    assert main(["check", str(SAMPLE)]) == 2
    assert "环境变量 GONGSHI_TODAY" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["check", "{data}", "--format", "json"], ["rules"]])
def test_first_line_says_today_is_pinned(project, capsys, argv):
    code = main([a.format(data=SAMPLE) for a in argv])
    err = capsys.readouterr().err.splitlines()
    if argv[0] == "rules":  # takes no "today": says nothing about it
        assert code == 0 and not any("今天" in line for line in err)
        return
    assert err[0].startswith("注意：“今天”按 2026-11-20 计算（来源：mkdocs.yml 的 today:），不是真实日期")


def test_no_notice_on_the_real_date(project, capsys):
    main(["check", str(SAMPLE), "--today", date.today().isoformat()])
    assert "注意" not in capsys.readouterr().err


def test_new_dates_the_record_with_the_same_today(project, sample: DataCopy, monkeypatch, capsys):
    monkeypatch.setenv(today.ENV, "2026-11-23")
    assert main(["new", "announcement", "--data", str(sample.root)]) == 0
    assert capsys.readouterr().err.startswith("注意：“今天”按 2026-11-23 计算（来源：环境变量 GONGSHI_TODAY）")
    created = sample.path("announcements/notice-2026-11-23.yaml")
    assert yaml.safe_load(created.read_text(encoding="utf-8"))["date"] == date(2026, 11, 23)


def test_plugin_resolves_like_the_commands(monkeypatch):
    """mkdocs build/serve: $GONGSHI_TODAY beats mkdocs.yml (it used to be the other way round)."""
    from mkdocs.config import load_config

    monkeypatch.setenv(today.ENV, "2026-12-31")
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["gongshi"]
    plugin.forced_today = None  # MkDocs may hand back the instance an earlier build used
    plugin.on_config(config)
    assert plugin.today == date(2026, 12, 31)
    plugin.forced_today = date(2026, 11, 24)  # gongshi build --today
    plugin.on_config(config)
    assert plugin.today == date(2026, 11, 24)
    monkeypatch.delenv(today.ENV)
    plugin.forced_today = None
    plugin.on_config(config)
    assert plugin.today == date(2026, 11, 24)  # the sample's mkdocs.yml today:


def test_every_page_states_the_day(sample_site: Path):
    for page in ("index.html", "proposals/fed-2025-001/index.html", "about/index.html", "guide/index.html"):
        html = (sample_site / page).read_text(encoding="utf-8")
        assert 'class="gs-asof" data-asof="2026-11-24"' in html, page
        assert "本站的状态（如“逾期”）按 2026年11月24日 计算。" in html


@pytest.mark.browser
@pytest.mark.parametrize("reader_day, shown", [("2026-11-26", False), ("2026-11-27", True)])
def test_stale_notice_after_two_days(sample_site, reader_day, shown):
    from tests.browser import chromium, serve

    with serve(sample_site) as base, chromium() as browser:
        page = browser.new_page(locale="zh-CN")
        page.clock.set_fixed_time(f"{reader_day}T10:00:00")
        page.goto(base + "proposals/")
        page.wait_for_load_state("networkidle")
        notice = page.locator(".gs-stale")
        if shown:
            assert notice.is_visible()
            assert "本站自 2026年11月24日以来未更新（已 3 天）" in notice.inner_text()
        else:
            assert notice.count() == 0
        page.close()
