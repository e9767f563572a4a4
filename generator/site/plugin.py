"""The ``gongshi`` MkDocs plugin: a thin adapter from MkDocs hooks to ``generator.build``.

``on_files`` adds the generated pages, feeds and downloads as in-memory files (never written
into ``docs_dir``): those ``gongshi build`` prepared after its check, or, under ``mkdocs build``
and ``mkdocs serve``, generated here, where a blocking finding stops the build with the same
report ``gongshi check`` prints. A generated page's file holds only its front matter: its body is already HTML, so
``on_page_markdown`` hands Markdown nothing to convert and ``on_page_content`` puts the body and
its table of contents in place. ``on_serve`` makes ``mkdocs serve`` rebuild when a record or
template changes; under ``serve --dirty`` (what ``gongshi serve`` runs) only pages whose text
changed are rendered again.

A records repository keeps only what it changes: a file in its own ``templates/`` or
``content/`` replaces the shipped one of the same name (``generator.package_files``), the way
Material's ``custom_dir`` does for theme templates.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from typing import Callable

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import package_files
from ..records import collector, today
from ..rules import report
from ..records.models import Settings
from . import navigation, search_index
from .build import Blocked, Generated, checked, generate, source_date_epoch
from .mkdocs_adapter import (mark_modified, mark_unchanged, memoize_blocks, memoize_partials, set_anchor_ids, set_toc, skip_markdown,
                             valid_toggles)
from .markup import zh_date
from ..records.cache import digest
from .render.pages import Memo, Page, anchors, stamp

log = logging.getLogger("mkdocs.plugins.gongshi")


class GongshiConfig(base.Config):
    data_dir = c.Type(str, default="data")
    templates = c.Type(str, default="templates")
    # YYYY-MM-DD the statuses are computed for, when neither --today nor $GONGSHI_TODAY is set
    # (generator.records.today.resolve: the same order for every command).
    today = c.Type(str, default="")
    strict = c.Type(bool, default=False)


class BuildBlocked(PluginError):
    """Stops MkDocs with the same report ``gongshi check`` prints."""

    def __init__(self, blocked: Blocked):
        super().__init__("\n" + report.as_text(blocked.outcome) + str(blocked))


LOOK = "assets/look.css"


def _frame(config, settings: Settings) -> str:
    """The site's name, logo and colours come from data/settings.yaml, not from mkdocs.yml, so a
    union changes them where it changes its other records. Returns the colours as CSS (empty
    when the defaults of gongshi.css stay)."""
    config.site_name = settings.site_name
    look = settings.look
    if look.logo:
        config.theme["logo"] = look.logo
    rules = []
    if look.primary:
        rules += [f"--md-primary-fg-color: {look.primary}", f"--md-primary-fg-color--light: {look.primary}",
                  f"--md-primary-fg-color--dark: {look.primary}", f"--md-typeset-a-color: {look.primary}"]
    if look.accent:
        rules.append(f"--md-accent-fg-color: {look.accent}")
    if rules and LOOK not in config.extra_css:
        config.extra_css.append(LOOK)
    return ":root { " + "; ".join(rules) + "; }\n" if rules else ""


def _unique(folders: list[Path]) -> list[Path]:
    """Existing folders, first occurrence kept (in a checkout the shipped folder is the repository's)."""
    out: list[Path] = []
    for folder in folders:
        if folder.is_dir() and folder.resolve() not in out:
            out.append(folder.resolve())
    return out


def _drop_links(files: Files, docs_dir: str) -> None:
    """Leave out every file of ``docs_dir`` reached through a symbolic link (MkDocs follows them):
    the site publishes only regular files of the repository. ``check`` reports each link."""
    docs = os.path.realpath(docs_dir)
    inside = os.path.abspath(docs_dir) + os.sep  # the theme's own files (Material's CSS and JS) are elsewhere
    for file in list(files):
        src = file.abs_src_path
        if src and os.path.abspath(src).startswith(inside) and \
                os.path.realpath(src) != os.path.join(docs, *file.src_uri.split("/")):
            files.remove(file)


def _replace(path: Path, content: str) -> None:
    """Write ``path`` whole or not at all: the preview's server may be reading it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(content, encoding="utf-8")
    os.replace(partial, path)


class GongshiPlugin(BasePlugin[GongshiConfig]):
    prepared: Generated | None = None  # what ``gongshi build`` generated from the records it checked
    dirty = False
    previous: dict[str, str] = {}  # src path -> digest of what the last build generated (dirty serve only)
    pending: dict[str, str] = {}
    memo: Memo | None = None  # the previous rebuild's pages (dirty serve only)
    later: Callable[[], dict[str, str]] | None = None  # this rebuild's downloads and feeds (serve)
    frame = ""  # what every page's frame showed in the last build (serve)
    written: dict[str, str] = {}  # src -> digest of the download or feed in the preview's folder (serve)
    digests: dict[str, tuple[Page, str]] = {}  # src -> the page last generated there and its digest (serve)
    bodies: dict[str, Page] = {}  # src path -> generated page, for the page hooks
    search: list = []  # search entries of the records (generator.site.render.search)
    indexing: threading.Thread | None = None  # the search index being written beside the pages
    index_error: Exception | None = None  # why a full build's index failed (raised in on_post_build)
    thresholds: tuple[int, int, int] | None = None
    forced_today = None  # set by ``gongshi build`` to its resolved --today (a date)
    epoch: str | None = None  # SOURCE_DATE_EPOCH before on_startup set it ("" when it was unset)

    def on_startup(self, *, command, dirty):
        """The command's process-wide settings, put back by ``on_shutdown``. Defining this hook also
        keeps the plugin alive across ``serve`` rebuilds, so it can compare them."""
        self.dirty = dirty
        self.previous = {}
        self.memo = Memo() if dirty else None
        self.digests, self.written, self.later = {}, {}, None
        self.thresholds = collector.relax()
        # Build dates (sitemap, gzip headers) come from "today", never from the wall clock. The plugin's
        # own options are read already; a malformed today: is reported by on_config.
        try:
            when = today.resolve(self.forced_today, config_today=str(self.config.today or ""))
        except ValueError:
            return
        self.epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(when.day)

    def on_shutdown(self):
        self._finish_index()
        if self.thresholds is not None:
            collector.restore(self.thresholds)
            self.thresholds = None
        if self.epoch is not None:
            if self.epoch:
                os.environ["SOURCE_DATE_EPOCH"] = self.epoch
            else:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.epoch = None

    def on_config(self, config):
        self.locate(config)
        if self.today_notice is not None:
            log.info(self.today_notice)
        config.nav = navigation.with_kinds(config.nav)
        # Gongshi's overrides of Material's templates (footer, 404, ...), as theme.custom_dir would add
        # them, but also for a records repository that has no copy: its own overrides/ first.
        for folder in reversed(self.templates):
            if (folder / "overrides").is_dir():
                config.theme.dirs.insert(0, str(folder / "overrides"))
        return config

    @property
    def rebuilding(self) -> bool:
        """A preview's rebuild after an edit: its downloads and feeds are written after the pages."""
        return self.dirty and bool(self.previous)

    def locate(self, config) -> None:
        """The records, templates and "today" this configuration builds from (``gongshi build`` asks
        before running MkDocs, to check the same records the plugin would publish)."""
        root = Path(config.config_file_path or ".").resolve().parent
        self.data_dir = root / self.config.data_dir
        # The repository's own templates first, then the shipped ones (one folder in this checkout).
        self.templates = _unique([root / self.config.templates, package_files.path("templates")])
        try:
            when = today.resolve(self.forced_today, config_today=str(self.config.today or ""))
        except ValueError as error:
            raise PluginError(f"gongshi today: {error}") from None
        self.today = when.day
        self.today_notice = when.notice() if when.pinned and self.forced_today is None else None
        if not self.data_dir.is_dir():
            raise PluginError(f"数据目录 {self.data_dir} 不存在")

    def on_files(self, files: Files, config) -> Files:
        generated, self.prepared = self.prepared, None
        if generated is None:
            try:
                generated = generate(*checked(self.data_dir, self.today), self.templates, self.today,
                                     self.config.strict, config.site_url or "", self.memo, self.rebuilding)
            except Blocked as blocked:
                raise BuildBlocked(blocked) from None
        # What the footer of every page (including 404.html) says: see templates/overrides/partials/footer.html.
        plan = generated.settings.plan if generated.settings is not None else None
        config.extra["gongshi"] = {"updated": zh_date(generated.updated) if generated.updated else "",
                                   "plan": plan.title if plan else "", "plan_url": plan.url if plan else "",
                                   "asof": self.today.isoformat()}
        _drop_links(files, config.docs_dir)
        shipped = str(package_files.path("content"))
        for src, _ in package_files.shared_content():
            if files.get_file_from_path(src) is None:  # the repository's own file wins
                files.append(File(src, shipped, config.site_dir, config.use_directory_urls))
        css = _frame(config, generated.settings) if generated.settings is not None else ""
        if css:
            files.append(File.generated(config, LOOK, content=css))
        # The frame every page shares (name, logo, colours, footer, the theme overrides among the
        # template files): when it changes, a preview's rebuild renders every page again, hand-written
        # ones included.
        frame = json.dumps([config.site_name, config.theme.get("logo"), css, config.extra["gongshi"],
                            self.memo.templates if self.memo is not None else ()], ensure_ascii=False, sort_keys=True)
        reframed, self.frame = self.dirty and frame != self.frame, frame
        if reframed:
            for page_file in files.documentation_pages():
                mark_modified(page_file)
        self.pending = {}
        self.bodies = {page.src: page for page in generated.pages}
        self.search = generated.search or []
        self.later = generated.later
        if not self.dirty:
            self._finish_index()
            self.index_error = None
            self.indexing = threading.Thread(target=self._index, args=(self.search, Path(config.site_dir)), daemon=True)
            self.indexing.start()
        if generated.later is not None:
            # a preview's downloads and feeds come after the pages: MkDocs still knows them (links to
            # them resolve), as files it need not write
            for src in sorted(self.written):
                kept = File.generated(config, src, content="")
                mark_unchanged(kept)
                files.append(kept)
        contents: list[tuple[str, str, Page | str]] = [(p.src, p.front_matter, p) for p in generated.pages]
        contents += [(src, content, content) for src, content in generated.files.items()]
        # record pages, year pages and the search page: reached from the index pages, not the tabs
        tabs = set(navigation.paths(config.nav)) if config.nav is not None else None
        for src, content, whole in contents:
            left_out = tabs is not None and src.endswith(".md") and src not in tabs
            file = File.generated(config, src, content=content,
                                  inclusion=InclusionLevel.NOT_IN_NAV if left_out else InclusionLevel.UNDEFINED)
            if self.dirty:
                # `serve --dirty`: MkDocs rebuilds only files reported modified; report only real changes.
                self.pending[src] = self._digest(src, whole)
                if self.previous.get(src) == self.pending[src] and not reframed:
                    mark_unchanged(file)
            files.append(file)
        return files

    def _digest(self, src: str, whole: Page | str) -> str:
        """What was generated at ``src``, as a digest; a page the memo kept is not hashed again."""
        if isinstance(whole, str):
            return digest(whole.encode("utf-8"))
        kept = self.digests.get(src)
        if kept is None or kept[0] is not whole:
            kept = self.digests[src] = (whole, digest(whole.text.encode("utf-8")))
        return kept[1]

    def on_env(self, env, config, files):
        memoize_partials(env)
        memoize_blocks(env)
        return env

    def on_page_markdown(self, markdown, page, config, files):
        if page.file.src_uri not in self.bodies:
            return markdown
        skip_markdown(page)
        return ""

    def on_page_content(self, html, page, config, files):
        generated = self.bodies.get(page.file.src_uri)
        if generated is None:
            return html + stamp(self.today)
        set_toc(page, generated.outline)
        set_anchor_ids(page, anchors(generated.body))
        return generated.body + stamp(self.today)

    def on_post_page(self, output, page, config):
        return valid_toggles(output)

    def on_post_template(self, output, template_name, config):
        return valid_toggles(output) if template_name.endswith(".html") else output

    def on_post_build(self, config):
        """The search index, from the records (not the pages); only a build that finished counts as
        the baseline for the next dirty rebuild. A full build started the index with the pages
        (``on_files``: Pagefind runs on the other core while MkDocs renders) and waits for it here;
        under ``gongshi serve`` it is written in the background after each rebuild, so an edit shows
        at once and search catches up a few seconds later."""
        site = Path(config.site_dir)
        if self.dirty:
            # a record deleted since the last build: its page goes too (MkDocs' dirty build keeps it)
            for src in sorted(set(self.previous) - set(self.pending)):
                if src.endswith(".md"):
                    gone = Path(File.generated(config, src, content="").abs_dest_path)
                    gone.unlink(missing_ok=True)
                    if gone.parent != site and not any(gone.parent.iterdir()):
                        gone.parent.rmdir()
            self._finish_index()
            if self.later is None:  # a full build gave MkDocs its files: what they hold now
                self.written = {src: self.pending[src] for src in self.pending if not src.endswith(".md")}
            self.indexing = threading.Thread(target=self._index_quietly, args=(self.search, site, self.later),
                                             daemon=True)
            self.indexing.start()
        else:
            self._finish_index()
            error, self.index_error = self.index_error, None
            if error is not None:
                raise PluginError(str(error)) from None
        self.previous = self.pending

    def _index(self, entries: list, site: Path) -> None:
        try:
            search_index.write(entries, site)
        except search_index.SearchIndexError as error:
            self.index_error = error
        except Exception as error:  # noqa: BLE001 - the thread's end: on_post_build fails the build with it
            self.index_error = search_index.SearchIndexError(f"{search_index.FAILED}{error}")

    def _index_quietly(self, entries: list, site: Path, later: Callable[[], dict[str, str]] | None) -> None:
        """After a preview's pages are shown: its downloads and feeds (when left for after the
        pages), its search index, then the previous build's records freed (the collection holds
        the interpreter for a moment, so it comes last, while the reader looks at the pages)."""
        try:
            for src, content in (later() if later is not None else {}).items():
                key = digest(content.encode("utf-8"))
                if self.written.get(src) != key:
                    _replace(site / src, content)
                    self.written[src] = key
            search_index.write(entries, site)
        except (search_index.SearchIndexError, OSError) as error:
            log.warning(str(error))
        collector.release()

    def _finish_index(self) -> None:
        if self.indexing is not None:
            self.indexing.join()
            self.indexing = None

    def on_serve(self, server, config, builder):
        server.watch(str(self.data_dir))
        for folder in self.templates:
            server.watch(str(folder))
        return server
