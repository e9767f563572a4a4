"""Every place Gongshi relies on MkDocs or Material behaviour beyond their documented plugin API.

Each workaround says what it relies on and the versions it was verified on (mkdocs 1.6.1,
mkdocs-material 9.8.2). tests/test_mkdocs_adapter.py checks each assumption against the
installed versions, so an upgrade that breaks one fails there, loudly, before a site looks wrong.
"""

from __future__ import annotations

from typing import Any, Callable, Hashable, Iterator

import jinja2
from mkdocs.livereload import LiveReloadServer
from mkdocs.livereload import _serve_url as serve_url  # noqa: F401  (re-exported for the preview)
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import normalize_url

# ``serve_url(host, port, mount_path)``: the URL ``mkdocs serve`` announces and builds pages for.
# Private in mkdocs 1.6.1 (mkdocs.livereload._serve_url); the preview needs the same URL.


def startup(config: Any) -> None:
    """Run the plugins' ``on_startup`` for a one-off build.

    mkdocs 1.6.1 runs ``on_startup``/``on_shutdown`` only from its own CLI (``mkdocs build``,
    ``mkdocs serve``), not from ``mkdocs.commands.build.build``, which ``gongshi build`` calls.
    """
    config.plugins.on_startup(command="build", dirty=False)


def shutdown(config: Any) -> None:
    """Run the plugins' ``on_shutdown`` after a build started with ``startup`` (see there)."""
    config.plugins.on_shutdown()


def _unchanged() -> bool:
    return False


def mark_unchanged(file: File) -> None:
    """Tell ``mkdocs serve --dirty`` that a generated file has not changed since the last build.

    mkdocs 1.6.1 skips a page under ``--dirty`` only when ``File.is_modified()`` is false, which
    compares the source file's mtime; a generated file has no source file, so it always counts as
    modified. The method is replaced on the instance.
    """
    file.is_modified = _unchanged  # type: ignore[method-assign]


def _changed() -> bool:
    return True


def mark_modified(file: File) -> None:
    """Make ``mkdocs serve --dirty`` render a page again though its source file did not change
    (the frame every page shares did: the site's name, colours or footer). See ``mark_unchanged``."""
    file.is_modified = _changed  # type: ignore[method-assign]


def set_toc(page: Page, outline: list[dict]) -> None:
    """Give a page whose body skipped Markdown its table of contents.

    mkdocs 1.6.1 builds ``page.toc`` from Python-Markdown's ``toc_tokens`` with
    ``mkdocs.structure.toc.get_toc``, which is not exported as API; ``outline`` has the shape of
    ``mkdocs.structure.toc._TocToken`` (level, id, name, children).
    """
    page.toc = get_toc(outline)  # type: ignore[arg-type]


def skip_markdown(page: Page) -> None:
    """Let a generated page (its body comes in ``on_page_content``) skip Python-Markdown.

    mkdocs 1.6.1's ``_populate_page`` always calls ``Page.render``, which builds a new
    ``markdown.Markdown`` with every extension for each page: about a tenth of a 10-year build,
    for an empty text. ``render`` is replaced on the instance by what it leaves for an empty text.
    """
    def render(config: Any, files: Any) -> None:
        page.content = ""
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = set()
        page.links_to_anchors = {}

    page.render = render  # type: ignore[method-assign]


def set_anchor_ids(page: Page, ids: set[str]) -> None:
    """The ids in a generated page's body, for MkDocs' check of links to ``#anchors``.

    mkdocs 1.6.1 fills ``Page.present_anchor_ids`` while it renders Markdown and validates anchor
    links against it; a generated page is not rendered by MkDocs, so its ids are set here.
    """
    page.present_anchor_ids = ids


class ReloadServer(LiveReloadServer):
    """MkDocs' live-reload server with one hook for the preview: ``decorate`` every HTML page served.

    mkdocs.livereload is not public API in mkdocs 1.6.1: ``_inject_js_into_html`` (adds the reload
    script to each HTML response) and ``_visible_epoch`` (the build the browser should show) are
    private names.
    """

    def decorate(self, content: bytes) -> bytes:
        return content

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        return self.decorate(super()._inject_js_into_html(content, epoch))

    def served(self, content: bytes) -> bytes:
        """``content`` as this server serves an HTML page: with the reload script, decorated."""
        return self._inject_js_into_html(content, self._visible_epoch)


# mkdocs-material 9.8.2's base.html marks its drawer and search checkboxes autocomplete="off"
# (against Firefox restoring their state), which HTML allows only on text-like inputs: two Nu Html
# Checker errors per page. base.html has no block around the checkboxes, so the attribute is
# dropped from the rendered page.
_TOGGLES = [(f'type="checkbox" id="{name}" autocomplete="off">', f'type="checkbox" id="{name}">')
            for name in ("__drawer", "__search")]


def valid_toggles(html: str) -> str:
    """Material's page frame without the attributes HTML does not allow on its checkboxes."""
    for old, new in _TOGGLES:
        html = html.replace(old, new, 1)
    return html


# mkdocs-material 9.8.2 renders its navigation partials (partials/nav.html for the drawer and
# sidebar, partials/tabs.html for the tabs) again for every page: with thousands of record pages
# that was a quarter of the build, though a record page's navigation differs from its neighbours'
# only in its relative links. The partials' output is kept per distinct ``nav_key`` below.
MEMOIZED_PARTIALS = ("partials/nav.html", "partials/tabs.html")


def nav_key(context: jinja2.runtime.Context) -> Hashable | None:
    """Everything of a page that Material 9.8.2's nav.html, nav-item.html, tabs.html and
    tabs-item.html read besides what is the same for every page: each navigation item's link as
    the ``url`` filter gives it from this page, and its ``active`` flag; the home and logo links.
    None (render afresh) for a page that is itself in the navigation: nav-item.html then renders
    that page's own table of contents."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or page in nav.pages:
        return None
    key: list[Any] = [context.get("base_url")]
    config = context.get("config")
    for path in (nav.homepage.url if nav.homepage else None, config and config.theme.get("logo")):
        key.append(normalize_url(str(path), page=page) if path else None)
    todo = list(nav.items)
    while todo:
        item = todo.pop()
        url = getattr(item, "url", None)
        key.append((type(item).__name__, item.title, normalize_url(url, page=page) if url is not None else None,
                    item.active))
        todo.extend(item.children or ())
    return tuple(key)


def asset_key(context: jinja2.runtime.Context) -> Hashable | None:
    """For a block whose only page-dependent values are links to files under ``assets/``: the
    page's ``base_url``. MkDocs 1.6.1's ``url`` filter gives such a link as ``base_url`` + path
    from every page outside ``assets/`` (mkdocs.utils.get_relative_url). None for other pages."""
    page = context.get("page")
    if page is None or page.url.startswith("assets/"):
        return None
    return context.get("base_url")


# mkdocs-material 9.8.2 base.html's ``config`` block (the JSON settings its script reads: base URL,
# features, translations, search worker path) is the same for every page at the same depth.
MEMOIZED_BLOCKS = (("base.html", "config", asset_key),)


Key = Callable[[jinja2.runtime.Context], Hashable | None]
Render = Callable[[jinja2.runtime.Context], Iterator[str]]


def _memoized(render: Render, key: Key, tag: Hashable, outputs: dict[Hashable, str]) -> Render:
    """``render`` (a template's or block's render function), its output kept in ``outputs`` per
    distinct ``key`` of the page; a page whose key is None is rendered afresh."""
    def cached(context: jinja2.runtime.Context) -> Iterator[str]:
        found = key(context)
        if found is None:
            yield from render(context)
            return
        if (tag, found) not in outputs:
            outputs[tag, found] = "".join(render(context))
        yield outputs[tag, found]

    return cached


def memoize_blocks(env: jinja2.Environment, blocks: tuple[tuple[str, str, Key], ...] = MEMOIZED_BLOCKS
                   ) -> dict[Hashable, str]:
    """Render each template block of ``blocks`` once per distinct key of the page.

    Relies on jinja2 3.1 taking a parent template's blocks from its ``Template.blocks`` when a
    child ``{% extends %}`` it; see ``memoize_partials`` for the cache. Returns the cache (tests)."""
    outputs: dict[Hashable, str] = {}
    for name, block, key in blocks:
        template = env.get_template(name)
        template.blocks[block] = _memoized(template.blocks[block], key, (name, block), outputs)
    return outputs


def memoize_partials(env: jinja2.Environment, key: Key = nav_key, names: tuple[str, ...] = MEMOIZED_PARTIALS
                     ) -> dict[Hashable, str]:
    """Render each of ``names`` once per distinct ``key`` of the including page.

    Relies on jinja2 3.1 calling a template's ``root_render_func`` for ``{% include %}`` and on
    MkDocs 1.6.1 keeping templates in the environment's cache (``auto_reload=False``), so the
    wrapped template is the one every page includes. Returns the cache (for tests)."""
    outputs: dict[Hashable, str] = {}
    for name in names:
        template = env.get_template(name)
        template.root_render_func = _memoized(template.root_render_func, key, name, outputs)
    return outputs
