"""Atom feeds of announcements and of proposal answers.

Entry and feed dates come from the records (the announcement's date, the answer's date),
never from the build clock, so the same records give the same feed.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape, quoteattr

from ..public import View

FEED_LIMIT = 50


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def _feed(feed_id: str, title: str, site_url: str, self_path: str, entries: list[dict]) -> str:
    updated = max((e["date"] for e in entries), default=date(2000, 1, 1))
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
        f"  <id>urn:gongshi:{feed_id}</id>",
        f"  <title>{escape(title)}</title>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <link rel=\"self\" href={quoteattr(site_url + self_path)}/>",
        f"  <link href={quoteattr(site_url or './')}/>",
    ]
    for entry in entries:
        lines += [
            "  <entry>",
            f"    <id>urn:gongshi:{feed_id}:{escape(entry['id'])}</id>",
            f"    <title>{escape(entry['title'])}</title>",
            f"    <updated>{_stamp(entry['date'])}</updated>",
            f"    <author><name>{escape(entry['author'])}</name></author>",
            f"    <link href={quoteattr(site_url + entry['url'])}/>",
            f"    <summary>{escape(entry['summary'])}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def files(view: View, site_url: str) -> dict[str, str]:
    # without site_url, links are relative to the feed's own folder (feeds/), i.e. the site root is ../
    base = site_url.rstrip("/") + "/" if site_url else "../"
    notices = [{"id": a.id, "title": a.title, "date": a.date, "url": a.url,
                "author": a.organization.short_name if a.organization else view.site_name,
                "summary": (f"【{a.badge}】" if a.badge else "") + a.summary}
               for a in view.announcements[:FEED_LIMIT]]
    answers = sorted(({"id": f"{p.id}-{i}", "title": f"答复：{p.title}", "date": answer.date,
                       "url": f"proposals/{p.id}/", "author": answer.office or p.office or view.site_name,
                       "summary": answer.summary}
                      for p in view.proposals for i, answer in enumerate(p.answers, 1)
                      if answer.date and answer.date <= view.today),
                     key=lambda e: (e["date"], e["id"]), reverse=True)[:FEED_LIMIT]
    return {
        "feeds/announcements.xml": _feed("announcements", f"{view.site_name}·公告", base,
                                         "feeds/announcements.xml", notices),
        "feeds/answers.xml": _feed("answers", f"{view.site_name}·提案答复", base, "feeds/answers.xml", answers),
    }
