"""What generator/site/mkdocs_adapter.py relies on in MkDocs and Material, checked against the
installed versions: an upgrade that changes any of it fails here, naming the workaround."""

from __future__ import annotations

import inspect
from pathlib import Path

import material
import mkdocs.__main__ as mkdocs_cli
import mkdocs.commands.build as mkdocs_build
from mkdocs.structure.toc import _TocToken
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.site import mkdocs_adapter
from tests.conftest import ROOT


def _file(tmp_path: Path) -> File:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "x.md").write_text("x", encoding="utf-8")
    return File("x.md", str(tmp_path / "docs"), str(tmp_path / "site"), use_directory_urls=True)


def test_startup_and_shutdown_are_run_by_the_cli_not_by_build():
    assert "on_startup" not in inspect.getsource(mkdocs_build.build), "build() runs on_startup now: drop startup()"
    assert "on_startup" in inspect.getsource(mkdocs_cli), "mkdocs' CLI no longer runs on_startup"


def test_mark_unchanged_is_what_a_dirty_build_asks(tmp_path):
    assert "dirty and not page.file.is_modified()" in inspect.getsource(mkdocs_build), "dirty builds changed"
    file = _file(tmp_path)
    assert file.is_modified() is True  # never built yet
    mkdocs_adapter.mark_unchanged(file)
    assert file.is_modified() is False


def test_set_toc_takes_the_toc_token_shape(tmp_path):
    assert set(_TocToken.__annotations__) >= {"level", "id", "name", "children"}
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    page = Page(None, _file(tmp_path), config)
    mkdocs_adapter.set_toc(page, [{"level": 2, "id": "a", "name": "甲", "children": [
        {"level": 3, "id": "b", "name": "乙", "children": []}]}])
    [item] = list(page.toc)
    assert (item.id, item.title, item.level, [c.id for c in item.children]) == ("a", "甲", 2, ["b"])


def test_set_anchor_ids_is_what_anchor_validation_reads(tmp_path):
    source = inspect.getsource(Page)
    assert "present_anchor_ids" in source, "Page no longer has present_anchor_ids"
    assert "page.present_anchor_ids" in inspect.getsource(inspect.getmodule(Page)), "anchor checks read elsewhere now"
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    page = Page(None, _file(tmp_path), config)
    mkdocs_adapter.set_anchor_ids(page, {"a"})
    assert page.present_anchor_ids == {"a"}


def test_reload_server_hooks_exist(tmp_path):
    assert hasattr(LiveReloadServer, "_inject_js_into_html"), "mkdocs.livereload changed: see ReloadServer"
    server = mkdocs_adapter.ReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert isinstance(server._visible_epoch, int)
        served = server.served(b"<html><body></body></html>")
        assert b"livereload" in served
    finally:
        server.server_close()
    assert mkdocs_adapter.serve_url("127.0.0.1", 8000, "/") == "http://127.0.0.1:8000/"


def test_material_still_marks_its_toggles_autocomplete_off():
    base = (Path(material.__file__).parent / "templates" / "base.html").read_text(encoding="utf-8")
    for name in ("__drawer", "__search"):
        assert f'id="{name}" autocomplete="off">' in base, "Material changed base.html: valid_toggles may go"
    page = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
    assert 'autocomplete' not in mkdocs_adapter.valid_toggles(page)


def test_memoized_navigation_and_config_are_what_material_renders(sample_site, tmp_path, monkeypatch):
    """The sample built without the memoized partials and blocks is byte-identical to the shared
    build with them, and the memo was used (far fewer renders than pages)."""
    from generator.site import build, plugin
    from tests.conftest import SAMPLE, TODAY

    caches: list[dict] = []
    for name in ("memoize_partials", "memoize_blocks"):
        real = getattr(mkdocs_adapter, name)
        monkeypatch.setattr(plugin, name, lambda env, real=real: caches.append(real(env)))
    build.build_site(ROOT / "mkdocs.yml", SAMPLE, tmp_path / "memo", TODAY)
    pages = len(list((tmp_path / "memo").rglob("*.html")))
    assert caches and all(0 < len(cache) < pages / 4 for cache in caches), [len(c) for c in caches]

    monkeypatch.setattr(plugin, "memoize_partials", lambda env: {})
    monkeypatch.setattr(plugin, "memoize_blocks", lambda env: {})
    build.build_site(ROOT / "mkdocs.yml", SAMPLE, tmp_path / "plain", TODAY)
    built = {p.relative_to(sample_site): p.read_bytes() for p in sample_site.rglob("*") if p.is_file()}
    plain = {p.relative_to(tmp_path / "plain"): p.read_bytes() for p in (tmp_path / "plain").rglob("*") if p.is_file()}
    assert built.keys() == plain.keys()
    assert [path for path in built if built[path] != plain[path]] == []


def test_memoized_templates_are_the_ones_pages_include():
    """jinja2 renders an include through the cached template's root_render_func, and an extended
    template's blocks from its Template.blocks, as memoize_partials/memoize_blocks assume."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.DictLoader({
        "part.html": "{{ n }}", "base.html": "{% block b %}{{ n }}{% endblock %}|{% include 'part.html' %}",
        "page.html": "{% extends 'base.html' %}"}), auto_reload=False)
    calls: list[int] = []
    mkdocs_adapter.memoize_partials(env, key=lambda c: calls.append(1) or "k", names=("part.html",))
    mkdocs_adapter.memoize_blocks(env, (("base.html", "b", lambda c: "k"),))
    assert [env.get_template("page.html").render(n=n) for n in (1, 2)] == ["1|1", "1|1"]
    assert len(calls) == 2


def test_skip_markdown_leaves_what_render_leaves_for_an_empty_text(tmp_path):
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    rendered, skipped = Page(None, _file(tmp_path), config), Page(None, _file(tmp_path), config)
    for page in (rendered, skipped):
        page.markdown = ""
    rendered.render(config, None)
    mkdocs_adapter.skip_markdown(skipped)
    skipped.render(config, None)
    for name in ("content", "_title_from_render", "present_anchor_ids"):
        assert getattr(skipped, name) == getattr(rendered, name), name
    assert list(skipped.toc) == list(rendered.toc) == []
