"""Markdown written by students and staff, rendered to HTML that cannot run anything, in linear time.

Proposal texts, answers and announcements come from outside the project. They are parsed by
cmark-gfm (the CommonMark reference parser in C, built for linear time on any input: a 1 MB
text of `[`, `![`, `<a ` or emphasis runs renders in well under a second, where Python-Markdown
needed hours) with only the table extension and its safe mode, which drops raw HTML and
`javascript:`/`data:` link targets. Headings people write are shifted under the page's own
headings (the highest written level becomes h3). The result is then cleaned by nh3 (the Rust
ammonia sanitiser) against a small allow-list: links keep only http(s) and mailto URLs, and
every link gets ``rel="noopener noreferrer nofollow"``. A text nested deeper than ``MAX_DEPTH``
(quotes in quotes in lists…) is shown as plain paragraphs instead. Texts are bounded by the
record models (``MAX_MARKDOWN_CHARS``, a ``data.schema`` finding); a longer one (only seen by
``serve`` or ``diff``, since ``check`` blocks the build) is also shown as plain paragraphs.
"""

from __future__ import annotations

import html as html_module
import re
from datetime import date
from functools import lru_cache

import nh3
from cmarkgfm import cmark
from markupsafe import Markup

from ..records.models import MAX_MARKDOWN_CHARS

TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

# Safe mode (no CMARK_OPT_UNSAFE): raw HTML becomes a comment, dangerous URLs become empty.
_OPTIONS = cmark.Options.CMARK_OPT_DEFAULT
_HEADING = re.compile(r"<(/?)h([1-6])>")
TOP_LEVEL = 3  # a page's own headings are h1 (title) and h2 (sections)
# nh3's HTML parser is quadratic in nesting depth (20,000 nested quotes took seconds); no real
# text nests deeper than this, and one that does is shown as plain text.
MAX_DEPTH = 40
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^>]*>")
_VOID = frozenset({"br", "hr", "img", "input"})


def _depth(html: str) -> int:
    """Deepest element nesting in cmark's well-formed output (attribute values never hold ``>``)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        if match.group(2) in _VOID:
            continue
        depth += -1 if match.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


def _as_plain_text(text: str) -> Markup:
    """Escaped paragraphs: safe without nh3 (whose parser is slow on very long text runs)."""
    paragraphs = (" ".join(block.split()) for block in re.split(r"\n\s*\n", text))
    return Markup("".join(f"<p>{html_module.escape(block)}</p>\n" for block in paragraphs if block))


def _shift_headings(html: str) -> str:
    """h1…h6 that people wrote, moved down so the highest one is h3 (h6 at most).

    In safe mode every ``<hN>`` in cmark's output comes from a Markdown heading (raw HTML is
    dropped and code is escaped), so the tags can be rewritten as text.
    """
    levels = [int(m.group(2)) for m in _HEADING.finditer(html)]
    if not levels:
        return html
    offset = TOP_LEVEL - min(levels)
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + offset, 6)}>", html)


@lru_cache(maxsize=40_000)  # `gongshi serve` builds the view again after each edit
def _text(html: str) -> str:
    return " ".join(html_module.unescape(nh3.clean(html, tags=set())).split())


@lru_cache(maxsize=20_000)  # `gongshi serve` renders every text again after each edit
def render(text: str) -> Markup:
    """Markdown → sanitised HTML, safe to place in a page as is."""
    text = text or ""
    if len(text) > MAX_MARKDOWN_CHARS:  # refused by `check`; `serve` and `diff` still show something
        return _as_plain_text(text)
    html = cmark.markdown_to_html_with_extensions(text, _OPTIONS, ["table"])
    if _depth(html) > MAX_DEPTH:
        return _as_plain_text(text)
    clean = nh3.clean(_shift_headings(html), tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                      link_rel="noopener noreferrer nofollow")
    return Markup(clean.replace("<p></p>\n", ""))  # paragraphs that held only dropped raw HTML


def plain(html: str, limit: int = 120) -> str:
    """The text of rendered HTML (from ``render``) without markup, shortened for lists and feeds."""
    flat = _text(str(html))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def zh_date(day: date | None) -> str:
    """2026-11-24 → 2026年11月24日."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
