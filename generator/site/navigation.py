"""The site's tabs: the record kinds' tabs, derived from their ``Kind(nav=...)``, after the first
entry of mkdocs.yml's ``nav`` (the home page), which lists the other pages (合规, 数据下载, 关于…).

Only index pages are tabs: MkDocs renders the whole navigation into every page, so listing
records there would make the build grow with the square of their number. Every other generated
page is marked as deliberately left out of the navigation (MkDocs' ``not_in_nav``).
"""

from __future__ import annotations

from typing import Any, Iterator

from ..records import models


def kind_tabs() -> list[dict[str, str]]:
    """``{label: "<folder>/index.md"}`` for each kind with a tab, by ``nav_order``, then declaration order."""
    tabbed = sorted((m.KIND for m in models.KINDS if m.KIND.nav), key=lambda kind: kind.nav_order)
    return [{kind.nav: f"{kind.folder}/index.md"} for kind in tabbed]


def paths(nav: Any) -> Iterator[str]:
    """Every page path in a MkDocs ``nav`` value (lists, ``{title: path}`` items, sections)."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from paths(item)
    elif isinstance(nav, dict):
        for item in nav.values():
            yield from paths(item)


def with_kinds(nav: list | None) -> list | None:
    """mkdocs.yml's ``nav`` with the kinds' tabs after its first entry; a tab already listed by hand
    (as an older records repository's mkdocs.yml does) stays where it is. Without a ``nav`` MkDocs
    lists the pages itself."""
    if nav is None:
        return None
    listed = set(paths(nav))
    tabs = [tab for tab in kind_tabs() if not listed & set(tab.values())]
    return nav[:1] + tabs + nav[1:]
