"""What merging one revision of the records into another changes on the public site.

Both revisions are turned into the site's own pages, feeds and downloads (``site.build.render``,
the same code the build runs, without MkDocs) and compared page by page, so no field a page
shows can be missed, and nothing that is not on the public site (a private value) can appear.
Findings of both revisions are compared too, and the summary says whether the merge would
block publication.

The summary is posted on pull requests as GitHub/GitLab Markdown: every text that comes from a
record (titles, page text, finding messages) goes through ``inline`` so that no record can
start a link, a comment, an HTML tag, a table or a mention.
"""

from __future__ import annotations

import difflib
import html
import io
import json
import os
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from .. import package_files
from ..records import collector, models
from ..records.cache import ParseCache
from ..records.dataset import load
from ..rules.check import check_dataset
from ..site.build import render
from ..site.render.pages import Page, url_of


class RevisionError(Exception):
    """A git revision that cannot be read."""


# Sections of the site as students see them (the navigation), by the first part of a page's path.
GROUPS = {
    "announcements": "公告",
    "organizations": "名单",
    "congresses": "代表大会",
    "reviews": "述职评议",
    "proposals": "提案",
    "compliance.md": "合规",
}
OTHER = "其他页面"
FILES = "下载与订阅"


def groups() -> dict[str, str]:
    """The sections above, then each kind published by its declaration under its Chinese name."""
    declared = {k.KIND.folder: k.KIND.title for k in models.KINDS if k.KIND.public and k.KIND.public_fields}
    return GROUPS | {folder: title for folder, title in declared.items() if folder not in GROUPS}


def order() -> list[str]:
    return [*dict.fromkeys(groups().values()), OTHER, FILES]
LABEL = {"error": "错误", "warning": "提示"}

# Bounds that keep a summary readable and under the size of a pull request comment (65,536 characters).
EXCERPT_PAIRS = 6      # changed lines shown per page
EXCERPT_CHARS = 100    # characters shown per changed line
PAGES_PER_GROUP = 40   # pages listed per group before "and N more"
FINDINGS_LISTED = 40


# ---------------------------------------------------------------- reading a revision

def _git(repo: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True).stdout
    except FileNotFoundError:
        raise RevisionError("找不到 git 命令") from None
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode("utf-8", "replace").strip()
        raise RevisionError(message or f"git {' '.join(args)} 失败") from None


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts


def export(data_dir: Path, revision: str, into: Path) -> Path:
    """Write the ``data_dir`` tree (and its sibling ``templates/``) as they are at ``revision`` under
    ``into``; returns the exported data dir.

    Only regular files are written (new files, at paths without `..` or a leading `/`); symbolic
    links are recreated as links after every file, so nothing is written through one, and never
    followed: the check then judges them exactly as it judges a checkout, as findings.
    """
    data_dir = data_dir.resolve()
    try:
        top = Path(_git(data_dir, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    except RevisionError:
        raise RevisionError(f"数据目录 {data_dir} 不在 git 仓库中（gongshi diff 比较的是两个 git 版本）") from None
    relative = data_dir.relative_to(top).as_posix()
    try:
        _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except RevisionError:
        raise RevisionError(f"找不到版本 {revision}（检查名称拼写；远程分支请先运行 git fetch）") from None
    paths = [relative]
    templates = (PurePosixPath(relative).parent / "templates").as_posix()
    if _git(top, "ls-tree", "--name-only", revision, "--", templates).strip():
        paths.append(templates)
    archive = _git(top, "archive", "--format=tar", revision, "--", *paths)
    links = []
    made: set[Path] = set()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar:
            if not _safe_member(member.name):
                continue
            target = into / member.name
            if member.issym():
                links.append((target, member.linkname))
            elif member.isreg():
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                content = tar.extractfile(member)  # a regular member always has content
                assert content is not None
                with open(target, "xb") as file:  # never an existing path, never through a link
                    file.write(content.read())
    for target, pointing_to in links:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(pointing_to, target)
    return into / relative


class _Text(HTMLParser):
    """The visible text of a page body, one line per block (paragraph, heading, list item, table row)."""

    BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "dt", "dd", "section",
              "table", "ul", "ol", "blockquote", "pre", "hr", "details", "summary", "figure", "header"}
    CELLS = {"td", "th"}
    HIDDEN = {"script", "style", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden = 0

    def _end_line(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self._end_line()
        elif tag in self.CELLS and "".join(self.current).strip():
            self.current.append(" · ")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self._end_line()

    def handle_data(self, data):
        if not self.hidden:
            self.current.append(data)

    def text(self, body: str) -> list[str]:
        self.feed(body)
        self.close()
        self._end_line()
        return self.lines


_TITLE = re.compile(r'^title: (".*")$', re.M)


@dataclass
class Shown:
    """One page as a reader sees it: its title and its lines of text."""

    title: str
    lines: list[str]


@dataclass
class Side:
    pages: dict[str, Page]                           # page source path -> the generated page
    files: dict[str, str]                            # feeds and downloads
    findings: dict[tuple[str, str, str, str], int]   # (severity, rule, file, message) -> line
    blocks: bool = False

    @property
    def errors(self) -> int:
        return sum(1 for key in self.findings if key[0] == "error")

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors


def _relative(file: str, root: Path) -> str:
    """A finding's file relative to its data folder, so both revisions name it alike (links not followed)."""
    relative = os.path.relpath(os.path.abspath(file), os.path.abspath(root))
    return Path(file).name if relative.startswith("..") else Path(relative).as_posix()


def shown(page: Page) -> Shown:
    """What a reader sees of a page (parsed only for pages whose HTML differs: most of a diff's time)."""
    match = _TITLE.search(page.front)
    title = html.unescape(json.loads(match.group(1))) if match else page.src
    lines = _Text().text(page.body)
    return Shown(title, lines if lines[:1] == [title] else [f"标题：{title}", *lines])


class SharedParses(ParseCache):
    """Both revisions share parsed files in memory, so a file that did not change is parsed once."""

    def __init__(self) -> None:
        super().__init__(None)

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value

    def save(self) -> None:
        pass


def side(data_dir: Path, today: date, templates: list[Path] | None = None,
         parses: ParseCache | None = None) -> Side:
    """The public site of the records in ``data_dir``: pages, files and findings."""
    with collector.paused():
        data = load(data_dir, parses)
        outcome = check_dataset(data, today)
    generated = render(data, outcome, templates or [package_files.path("templates")], today)
    pages = {page.src: page for page in generated.pages}
    findings = {(f.severity, f.rule, _relative(f.file, data_dir), f.message): f.line for f in outcome.active}
    return Side(pages, generated.files, findings, outcome.blocks())


def _templates(data_dir: Path) -> list[Path]:
    """The records repository's own templates first (as the plugin reads them), then the shipped ones."""
    own = data_dir.parent / "templates"
    shipped = package_files.path("templates")
    return [own, shipped] if own.is_dir() and own.resolve() != shipped.resolve() else [shipped]


# ---------------------------------------------------------------- comparing

@dataclass
class PageChange:
    change: str            # added, removed, changed
    src: str
    title: str
    before_title: str = ""
    # changed lines, (as it was 原文, as it is now 改为); None where a line was only removed or added
    pairs: list[tuple[str | None, str | None]] = field(default_factory=list)

    @property
    def group(self) -> str:
        return groups().get(self.src.split("/", 1)[0], OTHER)

    @property
    def url(self) -> str:
        return url_of(self.src)

    @property
    def is_list(self) -> bool:
        """A list page (section index or year page): it repeats what record pages show."""
        parts = self.src[:-3].split("/")
        return parts == ["index"] or (len(parts) == 2 and (parts[1] == "index" or parts[1].isdigit()))


def _clip(text: str, start: int, width: int = EXCERPT_CHARS) -> str:
    start = max(0, min(start, len(text) - width))
    piece = text[start : start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


def _pair(old: str, new: str) -> tuple[str, str]:
    """Both versions of a changed line, cut to the window where they differ."""
    prefix = len(os.path.commonprefix([old, new]))
    start = max(0, prefix - 20)
    return _clip(old, start), _clip(new, start)


def _excerpt(before: list[str], after: list[str]) -> list[tuple[str | None, str | None]]:
    pairs: list[tuple[str | None, str | None]] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old, new = before[i1:i2], after[j1:j2]
        for k in range(max(len(old), len(new))):
            if k < len(old) and k < len(new):
                pairs.append(_pair(old[k], new[k]))
            elif k < len(old):
                pairs.append((_clip(old[k], 0), None))
            else:
                pairs.append((None, _clip(new[k], 0)))
    return pairs


def page_changes(base: Side, head: Side) -> list[PageChange]:
    changes = []
    for src in sorted(base.pages.keys() | head.pages.keys()):
        old, new = base.pages.get(src), head.pages.get(src)
        if old is None:
            assert new is not None  # the src is in one of the two
            changes.append(PageChange("added", src, shown(new).title))
        elif new is None:
            changes.append(PageChange("removed", src, shown(old).title))
        elif (old.front, old.body) != (new.front, new.body):
            was, now = shown(old), shown(new)
            if was.lines != now.lines:
                changes.append(PageChange("changed", src, now.title, was.title, _excerpt(was.lines, now.lines)))
    return changes


def file_changes(base: Side, head: Side) -> list[tuple[str, str]]:
    """(change, path) of every feed and download that differs."""
    out = []
    for path in sorted(base.files.keys() | head.files.keys()):
        if path not in base.files:
            out.append(("added", path))
        elif path not in head.files:
            out.append(("removed", path))
        elif base.files[path] != head.files[path]:
            out.append(("changed", path))
    return out


# ---------------------------------------------------------------- Markdown that no record can break

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# What could give inline text a meaning on GitHub or GitLab, written so it stays literal: HTML,
# comments (`<!--`) and entities as entities; emphasis, code spans, links and images, table cells,
# strikethrough and math escaped with a backslash; @mentions as an entity. Lines never start with
# record text (each starts with our own "- "), so block syntax (headings, lists) cannot begin.
_MARKS = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "@": "&#64;"} | {c: "\\" + c for c in "\\`*_[]|~$"}


def inline(text: str) -> str:
    """Any text as one line of literal Markdown text (GitHub and GitLab render it as written)."""
    flat = " ".join(_CONTROL.sub(" ", str(text)).split())
    return "".join(_MARKS.get(c, c) for c in flat)


def _link(change: PageChange, site_url: str, title: str) -> str:
    if not site_url:
        return f"{inline(title)}（{inline('/' + change.url)}）"
    base = quote(site_url.rstrip("/"), safe=":/-._~%")  # a committed site_url cannot close the link either
    return f"[{inline(title)}]({base}/{quote(change.url, safe='/-._~')})"


@dataclass
class Summary:
    pages: list[PageChange]
    files: list[tuple[str, str]]
    new_findings: list[tuple[tuple[str, str, str, str], int]]
    resolved_findings: list[tuple[tuple[str, str, str, str], int]]
    base: Side
    head: Side

    def as_json(self) -> str:
        body = {
            "blocks": self.head.blocks,
            "errors": self.head.errors,
            "warnings": self.head.warnings,
            "base_blocks": self.base.blocks,
            "pages": [{"group": c.group, "change": c.change, "path": c.src, "url": c.url, "title": c.title,
                       "before_title": c.before_title, "list_page": c.is_list,
                       "lines": [{"before": a, "after": b} for a, b in c.pairs]} for c in self.pages],
            "files": [{"change": change, "path": path} for change, path in self.files],
            "new_findings": [_finding_json(key, line) for key, line in self.new_findings],
            "resolved_findings": [_finding_json(key, line) for key, line in self.resolved_findings],
        }
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"

    def as_markdown(self, site_url: str = "") -> str:
        lines = ["## 合并后网站上的变化", "", self._verdict(), ""]
        by_group: dict[str, list[PageChange]] = {}
        for c in self.pages:
            by_group.setdefault(c.group, []).append(c)
        for group in order():
            items = by_group.get(group, [])
            records = [c for c in items if not c.is_list]
            lists = [c for c in items if c.is_list]
            rows = [item for c in records[:PAGES_PER_GROUP] for item in self._page(c, site_url)]
            if len(records) > PAGES_PER_GROUP:
                rows.append(f"- ……另有 {len(records) - PAGES_PER_GROUP} 个页面有变化（用 `--format json` 查看全部）")
            if lists:
                rows.append("- 列表页随之变化：" + "、".join(_link(c, site_url, c.title) for c in lists[:PAGES_PER_GROUP])
                            + ("……" if len(lists) > PAGES_PER_GROUP else ""))
            if group == FILES:
                word = {"added": "新增", "removed": "删除", "changed": "修改"}
                rows = [f"- {word[change]} {inline(path)}" for change, path in self.files]
            if rows:
                lines += [f"### {group}", "", *rows, ""]
        if not self.pages and not self.files:
            lines += ["网站内容没有变化。", ""]
        for heading, found in (("新出现的检查问题", self.new_findings), ("已解决的检查问题", self.resolved_findings)):
            if found:
                rows = [f"- {LABEL[s]} {inline(rule)}（{inline(f'{file}:{line}')}）：{inline(message)}"
                        for (s, rule, file, message), line in found[:FINDINGS_LISTED]]
                if len(found) > FINDINGS_LISTED:
                    rows.append(f"- ……另有 {len(found) - FINDINGS_LISTED} 个")
                lines += [f"### {heading}", "", *rows, ""]
        lines.append(self._verdict())
        return "\n".join(lines) + "\n"

    def _verdict(self) -> str:
        counts = f"{self.head.errors} 个错误，{self.head.warnings} 个提示"
        if self.head.blocks:
            return f"**合并后：{counts}。存在错误，网站不会发布。**"
        return f"合并后：{counts}，可以发布。"

    @staticmethod
    def _page(c: PageChange, site_url: str) -> list[str]:
        if c.change == "added":
            return [f"- 新增 {_link(c, site_url, c.title)}"]
        if c.change == "removed":
            return [f"- 删除 {inline(c.title)}（原 {inline('/' + c.url)}）"]
        renamed = f"（原标题：{inline(c.before_title)}）" if c.before_title != c.title else ""
        rows = [f"- 修改 {_link(c, site_url, c.title)}{renamed}"]
        for old, new in c.pairs[:EXCERPT_PAIRS]:
            rows.append(f"  - 原文：{inline(old)}" if old is not None else "  - 原文：（无）")
            rows.append(f"  - 改为：{inline(new)}" if new is not None else "  - 改为：（删去）")
        if len(c.pairs) > EXCERPT_PAIRS:
            rows.append(f"  - ……另有 {len(c.pairs) - EXCERPT_PAIRS} 处变化")
        return rows


def _finding_json(key: tuple[str, str, str, str], line: int) -> dict:
    severity, rule, file, message = key
    return {"severity": severity, "rule": rule, "file": file, "line": line, "message": message}


def summarize(base: Side, head: Side) -> Summary:
    new = sorted((key, line) for key, line in head.findings.items() if key not in base.findings)
    resolved = sorted((key, line) for key, line in base.findings.items() if key not in head.findings)
    return Summary(page_changes(base, head), file_changes(base, head), new, resolved, base, head)


def compare(data_dir: Path, base: str, head: str | None, today: date) -> Summary:
    """``base`` → ``head`` (a revision, or the working tree when ``head`` is None)."""
    with tempfile.TemporaryDirectory(prefix="gongshi-diff-") as tmp:
        parses = SharedParses()
        base_dir = export(data_dir, base, Path(tmp) / "base")
        base_side = side(base_dir, today, _templates(base_dir), parses)
        head_dir = data_dir if head is None or _checked_out(data_dir, head) else export(data_dir, head, Path(tmp) / "head")
        return summarize(base_side, side(head_dir, today, _templates(head_dir), parses))


def _checked_out(data_dir: Path, revision: str) -> bool:
    """Whether the working tree's records and templates are exactly ``revision``'s (CI compares the
    checked-out HEAD): then they are read in place instead of being written out again."""
    data_dir = data_dir.resolve()
    paths = [str(data_dir), str(data_dir.parent / "templates")]
    try:
        same = _git(data_dir, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}") == \
            _git(data_dir, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        status = _git(data_dir, "status", "--porcelain", "--untracked-files=all", "--ignored=no", "--", *paths)
    except RevisionError:
        return False
    return same and not status.strip()


def site_url(data_dir: Path) -> str:
    """``site_url`` of the records repository's mkdocs.yml, so the summary can link to pages."""
    config = data_dir.resolve().parent / "mkdocs.yml"
    try:
        match = re.search(r"^site_url:\s*['\"]?(https?://[^\s'\"#]+)", config.read_text(encoding="utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        return ""
    return match.group(1) if match else ""
