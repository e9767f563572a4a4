"""`gongshi serve` rebuilds dirty: after a one-record edit only the pages whose text changed are rendered."""

from __future__ import annotations

import shutil

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import ROOT, SAMPLE, DataCopy


def test_dirty_rebuild_renders_only_changed_pages(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    records = DataCopy(tmp_path / "data")
    shutil.copytree(SAMPLE, records.root)
    site = tmp_path / "site"
    config = load_config("mkdocs.yml", site_dir=str(site))
    config.plugins["gongshi"].config["data_dir"] = str(records.root)
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    changed = site / "proposals/fed-2024-002/index.html"
    untouched = site / "proposals/fed-2024-003/index.html"
    before = untouched.stat().st_mtime_ns

    records.edit("proposals/fed-2024-002.yaml", lambda d: d.update(title="关于改善食堂早餐供应的提案（修订）"))
    build(config, dirty=True)  # `serve` keeps the config's plugin instances across rebuilds
    assert "（修订）" in changed.read_text(encoding="utf-8")
    assert "（修订）" in (site / "proposals/list.json").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == before
