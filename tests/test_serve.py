"""`gongshi serve` rebuilds dirty: after a one-record edit only the pages whose text changed are rendered."""

from __future__ import annotations

import gc
import gzip
import shutil

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import ROOT, SAMPLE, DataCopy, english_words


@pytest.fixture
def preview(tmp_path, monkeypatch):
    """A copy of the sample built as `gongshi serve` builds it: (records, site folder, config); the
    preview is stopped afterwards as `serve` stops it (its background indexing awaited)."""
    monkeypatch.chdir(ROOT)
    records = DataCopy(tmp_path / "data")
    shutil.copytree(SAMPLE, records.root)
    site = tmp_path / "site"
    config = load_config("mkdocs.yml", site_dir=str(site))
    config.plugins["gongshi"].config["data_dir"] = str(records.root)
    config.plugins.on_startup(command="serve", dirty=True)  # `serve` keeps its plugin instances across rebuilds
    build(config, dirty=True)
    yield records, site, config
    config.plugins.on_shutdown()


def _same_as_a_full_build(records: DataCopy, site, fresh) -> None:
    """The preview's folder (but its search index) holds exactly what a full build of the records gives."""
    from generator.site.build import build_site
    from tests.conftest import TODAY

    build_site(ROOT / "mkdocs.yml", records.root, fresh, TODAY)
    built = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
    shown = {p.relative_to(site) for p in site.rglob("*") if p.is_file()}
    assert sorted(str(p) for p in built ^ shown if p.parts[0] != "pagefind") == []  # no page missing or stale
    assert [str(p) for p in built if p.parts[0] != "pagefind" and (site / p).read_bytes() != (fresh / p).read_bytes()] == []


def test_dirty_rebuild_renders_only_changed_pages(preview, tmp_path, monkeypatch):
    from generator.site.render import pages

    records, site, config = preview
    changed = site / "proposals/fed-2024-002/index.html"
    untouched = site / "proposals/fed-2024-003/index.html"
    before = untouched.stat().st_mtime_ns

    rendered: list[str] = []
    real = pages.Renderer.page
    monkeypatch.setattr(pages.Renderer, "page", lambda self, src, template, **kw: (
        rendered.append(src) if self.memo is None or self.memo.get(src, template, kw, self.view) is None else None,
        real(self, src, template, **kw))[1])
    records.edit("proposals/fed-2024-002.yaml", lambda d: d.update(title="关于改善食堂早餐供应的提案（修订）"))
    build(config, dirty=True)  # `serve` keeps the config's plugin instances across rebuilds
    assert "（修订）" in changed.read_text(encoding="utf-8")
    assert "proposals/fed-2024-002.md" in rendered and len(rendered) < 20, rendered  # only pages that read it
    assert untouched.stat().st_mtime_ns == before
    # downloads and the search index are rewritten from the records in the background; then the
    # preview's folder is what a full build of the edited records gives
    config.plugins["gongshi"]._finish_index()
    assert gc.get_freeze_count() == 0  # what the rebuild froze is thawed once the preview is shown
    _same_as_a_full_build(records, site, tmp_path / "fresh")
    assert "（修订）" in (site / "proposals/list.json").read_text(encoding="utf-8")
    assert "（修订）" in (site / "downloads/proposals.csv").read_text(encoding="utf-8-sig")
    fragments = [gzip.decompress(f.read_bytes()).decode("utf-8") for f in (site / "pagefind/fragment").iterdir()]
    edited = [f for f in fragments if '"url":"/proposals/fed-2024-002.html"' in f]
    assert len(edited) == 1 and "（修订）" in edited[0]

    # a template edit renders every page again
    rendered.clear()
    template = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", template)
    config.plugins["gongshi"].config["templates"] = str(template)
    (template / "pages/proposal.html.j2").write_text(
        (template / "pages/proposal.html.j2").read_text(encoding="utf-8").replace("提案人", "提案人员", 1),
        encoding="utf-8")
    build(config, dirty=True)
    assert len(rendered) > 100 and "提案人员" in untouched.read_text(encoding="utf-8")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> tuple[int, str]:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _until(condition, seconds: float):
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out")


def test_serve_shows_a_blocked_build_on_every_page_and_recovers(tmp_path):
    """A real preview server on 127.0.0.1: a rule broken by a save is shown on the pages (the
    server never hangs), and the next save that fixes it brings the site back."""
    import threading

    from generator.site.preview import serve

    records = DataCopy(tmp_path / "data")
    shutil.copytree(SAMPLE, records.root)
    config = tmp_path / "mkdocs.yml"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content", f"docs_dir: {ROOT / 'content'}")
    text = text.replace("data_dir: data", f"data_dir: {records.root}")
    text = text.replace("templates: templates", f"templates: {ROOT / 'templates'}")
    config.write_text(text, encoding="utf-8")
    port = _free_port()
    said: list[str] = []
    servers = []
    thread = threading.Thread(target=serve, args=(str(config), f"127.0.0.1:{port}"),
                              kwargs={"say": said.append, "ready": servers.append}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/proposals/fed-2025-002/"
    try:
        _until(lambda: _fetch(page)[0] == 200, 180)
        assert any(line.startswith(f"预览地址：{base}/") for line in said)

        target = records.path("proposals/fed-2025-002.yaml")
        original = target.read_text(encoding="utf-8")
        target.write_text(original.replace("\ntitle: ", "\ntitle：", 1), encoding="utf-8")
        broken = _until(lambda: (lambda got: got if "gongshi-preview-problem" in got[1] else None)(_fetch(page)), 120)
        assert broken[0] == 200
        banner = broken[1]
        assert "网站不能发布" in banner and "data.yaml-syntax" in banner and "fed-2025-002.yaml:" in banner
        assert "全角冒号" in banner and "修改方法" in banner
        status, other = _fetch(f"{base}/announcements/")  # every page, answered at once
        assert status == 200 and "gongshi-preview-problem" in other

        target.write_text(original, encoding="utf-8")
        _until(lambda: "gongshi-preview-problem" not in _fetch(page)[1], 120)
        assert english_words("\n".join(said)) == [], said
    finally:
        if servers:
            servers[0].shutdown()
        thread.join(30)
    assert not thread.is_alive()


def test_before_any_good_build_every_address_is_the_problem_page(tmp_path):
    """When the first build already fails there is no site yet: any address answers with the findings."""
    from generator.site.preview import NOTHING_YET, PreviewServer, outcome_banner

    records = DataCopy(tmp_path / "data")
    shutil.copytree(SAMPLE, records.root)
    records.edit("proposals/fed-2025-002.yaml", lambda d: d.pop("title"))
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    try:
        assert server.error_page(404, str(tmp_path / "site")) is None  # nothing wrong: MkDocs' own 404
        server.problem = outcome_banner(records.check(), shown=NOTHING_YET)
        page = server.error_page(404, str(tmp_path / "site")).decode("utf-8")
        assert "gongshi-preview-problem" in page and "fed-2025-002.yaml:" in page and "还没有成功生成过" in page
        assert "livereload" in page  # the page reloads itself once a save fixes the records
    finally:
        server.server_close()


def test_a_preview_follows_a_new_site_name_a_deleted_and_a_new_record(preview, tmp_path):
    """The site's name is in every page's frame, hand-written pages included: a rebuild after it
    changes renders them all; deleting and adding records leave no stale page or link."""
    import os
    from datetime import date

    records, site, config = preview
    records.edit("settings.yaml", lambda d: d.update(site_name="某某学联公示"))
    build(config, dirty=True)
    assert "某某学联公示" in (site / "about/index.html").read_text(encoding="utf-8")
    os.remove(records.path("proposals/fed-2024-003.yaml"))
    build(config, dirty=True)
    notice = records.read("announcements/notice-2026-01-05.yaml")
    records.write("announcements/notice-2026-11-20.yaml",
                  notice | {"id": "notice-2026-11-20", "title": "新增的公告", "date": date(2026, 11, 20)})
    build(config, dirty=True)
    config.plugins["gongshi"]._finish_index()
    _same_as_a_full_build(records, site, tmp_path / "fresh")
