"""Every place Gongshi relies on MkDocs or Material behaviour beyond their documented plugin API.

Each workaround says what it relies on and the versions it was verified on (mkdocs 1.6.1,
mkdocs-material 9.8.2). tests/test_mkdocs_adapter.py checks each assumption against the
installed versions, so an upgrade that breaks one fails there, loudly, before a site looks wrong.
"""

from __future__ import annotations

from typing import Any

from mkdocs.livereload import LiveReloadServer
from mkdocs.livereload import _serve_url as serve_url  # noqa: F401  (re-exported for the preview)
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

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


def set_toc(page: Page, outline: list[dict]) -> None:
    """Give a page whose body skipped Markdown its table of contents.

    mkdocs 1.6.1 builds ``page.toc`` from Python-Markdown's ``toc_tokens`` with
    ``mkdocs.structure.toc.get_toc``, which is not exported as API; ``outline`` has the shape of
    ``mkdocs.structure.toc._TocToken`` (level, id, name, children).
    """
    page.toc = get_toc(outline)  # type: ignore[arg-type]


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
