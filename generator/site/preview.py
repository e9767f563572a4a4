"""``gongshi serve``: MkDocs' live-reload server, made never to hang and to speak Chinese.

MkDocs adapter (MkDocs 1.6 internals: ``mkdocs.livereload.LiveReloadServer`` — its ``builder``,
``error_handler`` and ``_inject_js_into_html`` — and the ``mkdocs`` loggers). MkDocs' own
``serve`` lets a failed rebuild raise, after which every request waits for a build that never
comes ("the server will appear stuck"). Here the builder never raises: a failed build keeps the
last good site, and every page served (or, before a first good build, an error page) carries a
Chinese banner with the findings — file, line, rule, fix — until a save fixes them.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config

from ..rules.findings import Outcome
from .build import Blocked, prepare
from .mkdocs_adapter import ReloadServer, serve_url as _serve_url

LABEL = {"error": "错误", "warning": "提示"}


def banner(title: str, lines: list[tuple[str, str, str, str]], note: str) -> str:
    """The error banner as HTML: ``lines`` are (place, rule, message, fix), all escaped here."""
    items = "".join(
        f"<li><code>{html.escape(place)}</code> <strong>{html.escape(rule)}</strong> {html.escape(message)}"
        + (f"<br><span>修改方法：{html.escape(fix)}</span>" if fix else "") + "</li>"
        for place, rule, message, fix in lines)
    return (
        '<div id="gongshi-preview-problem" role="alert" lang="zh-CN" style="position:relative;z-index:1000;'
        "margin:0;padding:1rem 1.25rem;background:#fdecea;color:#5f1410;border-bottom:3px solid #b3261e;"
        'font:15px/1.6 system-ui,sans-serif">'
        f'<p style="margin:0 0 .5rem;font-weight:700">{html.escape(title)}</p>'
        f'<ul style="margin:0 0 .5rem;padding-left:1.25rem">{items}</ul>'
        f'<p style="margin:0">{html.escape(note)}</p></div>'
    )


SHOWN_BEFORE = "预览显示的是上一次成功生成的内容。"
NOTHING_YET = "网站还没有成功生成过，所以各页面暂时只显示这些问题。"


def outcome_banner(outcome: Outcome, strict: bool = False, shown: str = SHOWN_BEFORE) -> str:
    blocking = [f for f in outcome.active if f.severity == "error" or strict]
    lines = [(f"{f.file}:{f.line}", f.rule, f"{LABEL[f.severity]}：{f.message}", f.fix) for f in blocking]
    return banner(f"记录违反规则，网站不能发布：{len(outcome.errors)} 个错误，{len(outcome.warnings)} 个提示",
                  lines, f"{shown}改正并保存后，本页会自动更新。")


def failure_banner(error: BaseException, shown: str = SHOWN_BEFORE) -> str:
    return banner("网站生成失败", [("", type(error).__name__, str(error), "")],
                  f"{shown}改正并保存后，本页会自动更新；"
                  "如果不是记录的问题，请把这条信息报告给维护者。")


class PreviewServer(ReloadServer):
    """Serves the last good site; while the records are broken every HTML page carries ``problem``."""

    problem = ""

    def decorate(self, content: bytes) -> bytes:
        if not self.problem:
            return content
        body = re.search(rb"<body[^>]*>", content)
        at = body.end() if body else 0
        return content[:at] + self.problem.encode("utf-8") + content[at:]

    def error_page(self, code: int, site_dir: str) -> bytes | None:
        """A 404 while the site is broken is the problem itself (the first build may have failed)."""
        page = Path(site_dir) / f"{code}.html"
        if self.problem:
            shell = b'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>\xe9\xa2\x84\xe8\xa7\x88</title></head><body></body></html>'
            return self.served(shell)
        if page.is_file():
            return page.read_bytes()
        return None


# MkDocs' log lines during a preview, in Chinese; None: not shown. Anything else MkDocs says is
# shown after a Chinese label so a real configuration problem is never hidden.
QUIET = (
    "Building documentation",      # the builder says it in Chinese
    "Watching paths for changes",
    "Reloading browsers",          # the builder reports a finished rebuild
    "Browser connected",
    "Documentation built in",
    "Cleaning site directory",
    # gongshi serve chooses a dirty rebuild on purpose: the plugin reports exactly the pages whose
    # text changed, and only index pages are in the navigation, so the caveat does not apply.
    "A 'dirty' build is being performed",
    # pages outside the nav are by design (record pages are reached from index pages)
    "The following pages exist in the docs directory, but are not included in the \"nav\"",
    # the builder prints the findings itself, in Chinese
    "Aborted with",
    "Error reading page",
)
SAID = {
    "Serving on": lambda text: f"预览地址：{text.split()[2]}（修改记录或模板并保存后自动更新；按 Ctrl+C 停止）",
    "Detected file changes": lambda text: "检测到修改。",
}


class _Chinese(logging.Handler):
    def __init__(self, say: Callable[[str], None]):
        super().__init__(logging.INFO)
        self.say = say

    def emit(self, record: logging.LogRecord) -> None:
        text = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", record.getMessage())  # livereload's time stamp
        if record.levelno >= logging.ERROR and record.name.startswith("mkdocs.commands.build"):
            return  # a failed build: the builder prints the same report in Chinese
        if any(text.startswith(prefix) for prefix in QUIET):
            return
        for prefix, said in SAID.items():
            if text.startswith(prefix):
                self.say(said(text))
                return
        if record.levelno >= logging.WARNING:
            self.say(f"MkDocs 报告（原文）：{text}")


def _drop(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.ERROR


def _quiet_loggers(say: Callable[[str], None]) -> Callable[[], None]:
    """Route MkDocs' loggers through ``_Chinese``; jieba's English progress lines are dropped
    (Material's search loads jieba's dictionary; its messages say nothing a staff member can act on)."""
    mkdocs_logger = logging.getLogger("mkdocs")
    saved = (mkdocs_logger.handlers[:], mkdocs_logger.level, mkdocs_logger.propagate)
    handler = _Chinese(say)
    mkdocs_logger.handlers = [handler]
    mkdocs_logger.setLevel(logging.INFO)
    mkdocs_logger.propagate = False
    jieba_logger = logging.getLogger("jieba")  # jieba sets its own level when imported: filter instead
    jieba_logger.addFilter(_drop)

    def restore() -> None:
        mkdocs_logger.handlers, level, mkdocs_logger.propagate = saved[0], saved[1], saved[2]
        mkdocs_logger.setLevel(level)
        jieba_logger.removeFilter(_drop)

    return restore


def serve(config_file: str, dev_addr: str, say: Callable[[str], None] | None = None,
          ready: Callable[[PreviewServer], None] | None = None) -> None:
    """Build into a temporary folder, serve it at ``dev_addr`` and rebuild (dirty) after each save.

    ``ready`` is called with the server once it listens (tests use it to stop the server).
    """
    say = say or (lambda text: print(text, file=sys.stderr, flush=True))
    restore = _quiet_loggers(say)
    site_dir = tempfile.mkdtemp(prefix="gongshi-preview-")
    try:
        _serve(config_file, dev_addr, site_dir, say, ready)
    finally:
        restore()
        shutil.rmtree(site_dir, ignore_errors=True)


def _serve(config_file: str, dev_addr: str, site_dir: str, say: Callable[[str], None],
           ready: Callable[[PreviewServer], None] | None) -> None:
    def get_config():
        return load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)
    server = PreviewServer(builder=lambda: None, host=host, port=port, root=site_dir, mount_path=mount_path)
    first, good = [True], [False]

    def builder(current=None) -> None:
        current = current or get_config()
        current.site_url = serve_url
        plugin = current.plugins.get("gongshi")
        say("正在生成网站……" if first[0] else "正在重新生成……")
        try:
            prepare(current)  # the check first: MkDocs runs only on records that pass
            build(current, serve_url=serve_url, dirty=not first[0])
        except Blocked as blocked:
            server.problem = outcome_banner(blocked.outcome, bool(plugin.config.get("strict")),
                                            SHOWN_BEFORE if good[0] else NOTHING_YET)
            from ..rules import report

            say(report.as_text(blocked.outcome).rstrip())
            say("记录违反规则：预览页面顶部列出了问题；改正并保存后自动更新。")
        except Exception as error:  # noqa: BLE001 - a preview shows every failure instead of stopping
            server.problem = failure_banner(error, SHOWN_BEFORE if good[0] else NOTHING_YET)
            say(f"网站生成失败（{type(error).__name__}）：{error}")
        else:
            server.problem = ""
            good[0] = True
            say("已生成，浏览器会自动刷新。" if not first[0] else "已生成。")
        finally:
            first[0] = False

    server.builder = builder
    server.error_handler = lambda code: server.error_page(code, site_dir)
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        if ready is not None:
            ready(server)
        try:
            server.serve()  # says "Serving on <url>" once it listens: printed in Chinese by _Chinese
        except KeyboardInterrupt:
            say("预览已停止。")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
