"""Generated pages: one Jinja2 template per page type, rendered once per record.

A template renders YAML front matter (title, description) and the page body as
HTML. The body is final: it does not go through Markdown again (re-parsing thousands of HTML
pages was a quarter of the build), so the outline of its headings is taken here. Jinja2
autoescape is on, so every value from the records is escaped unless it was already sanitised
(``generator.markup.render``). Pages link to each other with relative URLs computed here, so
they work under any ``site_url`` and with ``mkdocs serve``.
"""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import jinja2
from markupsafe import Markup, escape

from ...records import models
from ...rules import REGISTRY
from ..markup import zh_date
from ..public import View
from . import reference


@dataclass(frozen=True)
class Page:
    """A page to add to the site: its source path (as if under docs_dir), front matter and HTML body."""

    src: str
    front: str  # YAML, without the --- lines
    body: str
    outline: list[dict]  # headings with an id: {level, id, name (text), children}

    @property
    def front_matter(self) -> str:
        return f"---\n{self.front}---\n"

    @property
    def text(self) -> str:
        """The whole page as one Markdown file (raw HTML is Markdown too)."""
        return f"{self.front_matter}\n{self.body}"


HEADING = re.compile(r"<h([2-6])\b([^>]*)>(.*?)</h\1>", re.S)
ID = re.compile(r'(?<![\w-])id="([^"]+)"')  # not data-id="…"
TAG = re.compile(r"<[^>]+>")


def outline(body: str) -> list[dict]:
    """Headings with an id, nested by level, as the table of contents shows them (text only)."""
    top: list[dict] = []
    open_: list[dict] = []
    for level, attributes, name in HEADING.findall(body):
        ident = ID.search(attributes)
        if ident is None:
            continue
        item: dict[str, Any] = {"level": int(level), "id": ident.group(1), "name": TAG.sub("", name).strip(), "children": []}
        while open_ and open_[-1]["level"] >= item["level"]:
            open_.pop()
        (open_[-1]["children"] if open_ else top).append(item)
        open_.append(item)
    return top


def anchors(body: str) -> set[str]:
    """Every id in the body, for MkDocs' check of links to #anchors."""
    return set(ID.findall(body))


def split(text: str) -> tuple[str, str]:
    """(front matter, body) of a rendered template; its front matter values are JSON, so one line."""
    if not text.startswith("---\n"):
        raise ValueError("page template must start with front matter")
    end = text.index("\n---\n", 3)
    return text[4 : end + 1], text[end + 5 :].lstrip("\n")


def stamp(day) -> str:
    """The day the statuses were computed for, at the foot of every page (visible without JavaScript).

    A script at the top of every page (templates/overrides/main.html) compares the same day with the
    reader's clock and, more than two days later, says there that the site has not been rebuilt since
    (a blocked daily rebuild is then visible, not silent).
    """
    return (f'\n<p class="gs-asof" data-asof="{day.isoformat()}" data-search-exclude>'
            f"本站的状态（如“逾期”）按 {zh_date(day)} 计算。</p>\n")


def url_of(src: str) -> str:
    """The directory URL MkDocs gives a Markdown source (``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``)."""
    stem = src[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_src: str, to_url: str) -> str:
    """A link from the page built from ``from_src`` to the site URL ``to_url``."""
    here = url_of(from_src) or "."
    target = posixpath.relpath(to_url or ".", here)
    if to_url.endswith("/") or not to_url:
        target = target.rstrip("/") + "/"
    return target


def environment(templates: list[Path]) -> jinja2.Environment:
    """Templates are looked up in ``templates`` in order: a records repository's own file wins."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(t) for t in templates]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Dates in page bodies never break inside the token on a narrow screen; zhtext for front matter.
    env.filters["zh"] = lambda day: Markup(f'<span class="gs-date">{zh_date(day)}</span>') if day else ""
    env.filters["zhtext"] = zh_date
    env.globals["rule_title"] = lambda rule: REGISTRY[rule].title  # students read a rule's name, not its ID
    env.filters["num"] = lambda n: "—" if n is None else f"{n:g}"  # 29, 28.5, 37 (never 37.0)
    # Front matter values as JSON strings (valid YAML), HTML-escaped first: MkDocs and Material
    # insert page titles and descriptions into the HTML as they are.
    env.filters["front"] = lambda value: Markup(json.dumps(str(escape(value)), ensure_ascii=False))
    return env


class Reads:
    """The view as a template sees it, noting each attribute the template read (``Memo``)."""

    def __init__(self, view: View):
        self._view = view
        self.read: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._view, name)
        self.read[name] = value
        return value


def _same(old: Any, new: Any) -> bool:
    try:
        return bool(old == new)  # the view's frozen dataclasses compare field by field
    except RecursionError:
        return False


@dataclass
class Memo:
    """The previous rebuild's pages, for ``gongshi serve``: a page is rendered again only when its
    template files, its own arguments or a part of the view it read differ from last time. At ten
    years rendering every page again was most of a preview's rebuild after a one-file edit."""

    templates: tuple = ()
    pages: dict[str, tuple[str, dict, dict, Page]] = field(default_factory=dict)
    env: jinja2.Environment | None = None  # templates compiled once while none changes

    def environment(self, templates: list[Path]) -> jinja2.Environment:
        """The compiled templates; everything is forgotten when a template file changed (or appeared, or went)."""
        stamp = tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size)
                             for folder in templates if folder.is_dir() for p in folder.rglob("*") if p.is_file()))
        if stamp != self.templates or self.env is None:
            self.templates, self.pages, self.env = stamp, {}, environment(templates)
        return self.env

    def get(self, src: str, template: str, context: dict, view: View) -> Page | None:
        old = self.pages.get(src)
        if old is None or old[0] != template or not _same(old[1], context):
            return None
        return old[3] if all(_same(value, getattr(view, name)) for name, value in old[2].items()) else None


class Renderer:
    """Renders pages from templates; each template is compiled once and reused for every record."""

    def __init__(self, view: View, templates: list[Path], memo: Memo | None = None):
        self.view = view
        self.env = memo.environment(templates) if memo is not None else environment(templates)
        self.memo = memo

    def page(self, src: str, template: str, **context) -> Page:
        if self.memo is not None:
            kept = self.memo.get(src, template, context, self.view)
            if kept is not None:
                return kept
        view = Reads(self.view) if self.memo is not None else self.view
        text = self.env.get_template(template).render(
            view=view, src=src, link=lambda url: relative(src, url), **context)
        front, body = split(text)
        page = Page(src, front, body, outline(body))
        if self.memo is not None and isinstance(view, Reads):
            self.memo.pages[src] = (template, context, view.read, page)
        return page


def archive(r: Renderer, section: str, items: Sequence[Any], year: Callable[[Any], int | str]) -> Iterator[Page]:
    """A list page with the most recent years, and one page per year: no page grows with the years."""
    years = sorted({year(item) for item in items}, reverse=True)
    recent = set(years[:RECENT_YEARS])
    template = f"pages/{section}.html.j2"
    yield r.page(f"{section}/index.md", template, items=[i for i in items if year(i) in recent], years=years,
                 year=None)
    for each in years:
        yield r.page(f"{section}/{each}.md", template, items=[i for i in items if year(i) == each], years=years,
                     year=each)


def pages(view: View, templates: list[Path], memo: Memo | None = None) -> Iterator[Page]:
    """Every generated page, in a fixed order (from ``memo`` where nothing it shows changed)."""
    r = Renderer(view, templates, memo)
    yield r.page("index.md", "pages/home.html.j2")

    yield from archive(r, "announcements", view.announcements, lambda a: a.date.year)
    for notice in view.announcements:
        template = "pages/results.html.j2" if notice.kind == "results" else models.Announcement.KIND.page
        yield r.page(f"announcements/{notice.id}.md", template, notice=notice)

    yield r.page("organizations/index.md", "pages/organizations.html.j2")
    for org in view.organizations:
        terms = view.rosters.get(org.id, [])
        current = next((t for t in terms if view.term and t.term == view.term.id), terms[-1] if terms else None)
        yield r.page(f"organizations/{org.id}/index.md", models.Organization.KIND.page,
                     org=org, roster=current, terms=terms)
        for roster in terms:
            yield r.page(f"organizations/{org.id}/{roster.term}.md", models.Roster.KIND.page,
                         org=org, roster=roster, terms=terms)

    yield from archive(r, "congresses", view.congresses, lambda c: c.year)
    for congress in view.congresses:
        yield r.page(f"congresses/{congress.id}.md", models.Congress.KIND.page, congress=congress)

    yield from archive(r, "reviews", view.reviews, lambda v: v.semester[:-2])  # the academic year
    for review in view.reviews:
        yield r.page(f"reviews/{review.id}.md", models.Review.KIND.page, review=review)

    yield r.page("proposals/index.md", "pages/proposals.html.j2", shown=view.proposals[:LIST_LIMIT])
    for proposal in view.proposals:
        yield r.page(f"proposals/{proposal.id}.md", models.Proposal.KIND.page, proposal=proposal)

    for section in view.kinds:  # kinds published by their declaration: an index page and a page per record
        kind = models.BY_KIND[section.name].KIND
        yield r.page(f"{section.folder}/index.md", kind.index, section=section)
        for record in section.records:
            yield r.page(f"{section.folder}/{record.id}.md", kind.page, section=section, record=record)

    yield r.page("compliance.md", "pages/compliance.html.j2")
    yield r.page("guide/records.md", "pages/records.html.j2", kinds=reference.kinds())
    yield r.page("downloads.md", "pages/downloads.html.j2")
    yield r.page("search.md", "pages/search.html.j2")


# The proposal list page shows the newest rows without JavaScript; the filter loads the full list.
LIST_LIMIT = 50
# List pages show this many recent years; older ones are on their year's page.
RECENT_YEARS = 2
