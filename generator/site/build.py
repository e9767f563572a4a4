"""From ``data/`` to site files, and from site files to a published folder.

``generate`` is the whole pipeline short of MkDocs: load, check, public view, pages, feeds,
downloads, search entries. The plugin hands its output to MkDocs. ``build_site`` checks first and
runs MkDocs only on records that pass, into a fresh temporary folder next to the target, and
swaps it in only when everything succeeded (atomically where the system allows: see
``publish``), so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable

from ..records import collector
from ..records.dataset import Dataset
from ..records.models import Settings
from ..rules.check import check
from ..rules.findings import Outcome
from . import publish
from .public import build_view
from .render import datapackage, downloads, feeds, popolo
from .render.history import last_changed
from .render.pages import Memo, Page, pages
from .render.search import Entry, entries


class Blocked(Exception):
    """The records break a rule, so nothing may be published."""

    def __init__(self, outcome: Outcome):
        super().__init__(f"记录违反规则，不能发布：{len(outcome.errors)} 个错误，{len(outcome.warnings)} 个提示")
        self.outcome = outcome


@dataclass
class Generated:
    pages: list[Page]
    files: dict[str, str]
    settings: Settings | None  # the union's names, plan and look, for the site's frame
    updated: date | None = None  # when a data file last changed (git), for the footer
    search: list[Entry] | None = None  # what the search index holds (written after MkDocs built the pages)
    later: Callable[[], dict[str, str]] | None = None  # the files, when a preview writes them after the pages


def checked(data_dir: Path, today: date) -> tuple[Dataset, Outcome]:
    """The records checked, for ``generate``. Called at the entry points of a site build (``gongshi
    build`` and ``serve`` through ``prepare``, plain ``mkdocs build``/``serve`` through the plugin),
    which hold the garbage collector back while records load (``generator.records.collector``)."""
    with collector.paused():
        return check(data_dir, today, cached=True)


def generate(data: Dataset, outcome: Outcome, templates: list[Path], today: date, strict: bool = False,
             site_url: str = "", memo: Memo | None = None, files_later: bool = False) -> Generated:
    """Everything the site shows, generated from checked records; raises ``Blocked`` on a blocking finding.

    ``memo`` and ``files_later`` serve a preview's rebuild (``Memo``; downloads and feeds in ``later``)."""
    if outcome.blocks(strict):
        raise Blocked(outcome)
    return render(data, outcome, templates, today, site_url, last_changed(data.root), memo, files_later)


def render(data: Dataset, outcome: Outcome, templates: list[Path], today: date, site_url: str = "",
           changed: dict[str, date] | None = None, memo: Memo | None = None, files_later: bool = False) -> Generated:
    """The site's pages and files for checked records, whatever the findings (``gongshi diff`` also
    shows what a blocked revision would publish)."""
    changed = changed or {}
    view = build_view(data, outcome, today, changed)
    code = data.settings.data_licence if data.settings else "CC-BY-4.0"

    def files() -> dict[str, str]:
        return (downloads.files(view) | datapackage.files(view, code) | popolo.files(view, datapackage.licence(code))
                | feeds.files(view, site_url) | {"robots.txt": robots(site_url)})

    return Generated(list(pages(view, templates, memo)), {} if files_later else files(), data.settings,
                     max(changed.values(), default=None), list(entries(view)), files if files_later else None)


def robots(site_url: str) -> str:
    """Everything may be crawled; the sitemap (which MkDocs fills only when site_url is set) is named."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


def source_date_epoch(today: date) -> str:
    """Build dates (sitemap, gzip headers) come from ``today``, never from the wall clock."""
    return str(int(datetime(today.year, today.month, today.day, tzinfo=timezone.utc).timestamp()))


def build_site(config_file: Path, data_dir: Path | None, out: Path, today: date | None, strict: bool = False) -> str:
    """Check the records, build with MkDocs into a temporary folder, then replace ``out`` with it;
    returns the site_url. Raises ``Blocked`` before MkDocs runs when the records may not be published.

    ``data_dir`` and ``today`` override the plugin's settings in ``config_file`` when given.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from .mkdocs_adapter import shutdown, startup

    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = publish.staging_dir(out)
    try:
        config = load_config(str(config_file), site_dir=str(staging))
        plugin = _plugin(config)
        if data_dir is not None:
            plugin.config["data_dir"] = str(data_dir.resolve())
        plugin.forced_today = today
        plugin.config["strict"] = strict or plugin.config["strict"]
        startup(config)
        try:
            prepare(config)
            build(config)
        finally:
            shutdown(config)
            plugin.forced_today = None  # MkDocs keeps the plugin instance for the next build in this process
            plugin.prepared = None
        publish.swap(staging, out)
        return config.site_url or ""
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _plugin(config: Any) -> Any:
    plugin = config.plugins.get("gongshi")
    if plugin is None:
        raise ValueError(f"{config.config_file_path} 没有启用 gongshi 插件")
    return plugin


def prepare(config: Any) -> None:
    """The check, before MkDocs runs: raises ``Blocked`` when the records may not be published;
    otherwise the gongshi plugin of ``config`` publishes what was generated here."""
    plugin = _plugin(config)
    plugin.locate(config)
    plugin.prepared = generate(*checked(plugin.data_dir, plugin.today), plugin.templates, plugin.today,
                               plugin.config.strict, config.site_url or "", plugin.memo, plugin.rebuilding)
