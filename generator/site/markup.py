"""Markdown written by students and staff, rendered to HTML that cannot run anything.

Proposal texts, answers and announcements come from outside the project. They are rendered
with Python-Markdown and then cleaned by nh3 (the Rust ammonia sanitiser) against a small
allow-list: no raw HTML survives except plain formatting tags, links keep only http(s) and
mailto URLs, and every link gets ``rel="noopener noreferrer nofollow"``.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import html as html_module

import markdown
import nh3
from markupsafe import Markup

TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


# One converter, reset between texts: building a Markdown instance costs more than a short text.
_MARKDOWN = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


@lru_cache(maxsize=20_000)  # `gongshi serve` renders every text again after each edit
def render(text: str) -> Markup:
    """Markdown → sanitised HTML, safe to place in a page as is."""
    html = _MARKDOWN.reset().convert(text or "")
    return Markup(nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="noopener noreferrer nofollow"))


def plain(html: str, limit: int = 120) -> str:
    """The text of rendered HTML (from ``render``) without markup, shortened for lists and feeds."""
    flat = " ".join(html_module.unescape(nh3.clean(str(html), tags=set())).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def zh_date(day: date | None) -> str:
    """2026-11-24 → 2026年11月24日."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
