"""The parse cache: same records as a cold load, never stale, never runs code, old versions pruned."""

from __future__ import annotations

import gc
import pickle
import weakref

import pytest

from generator.records import cache, collector, models
from generator.rules.check import check
from generator.records.dataset import load
from tests.conftest import ROOT, TODAY


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GONGSHI_CACHE_DIR", str(folder))
    return folder


def _dump(data) -> dict:
    return {kind: {ident: record.model_dump() for ident, record in bucket.items()}
            for kind, bucket in data.records.items()}


def test_cached_load_gives_the_records_a_cold_load_gives(sample, cache_dir):
    cold = load(sample.root)
    first = load(sample.root, cache.for_data(sample.root))  # fills the cache
    warm = load(sample.root, cache.for_data(sample.root))
    assert list(cache_dir.glob("parsed-*.pickle"))
    assert _dump(first) == _dump(cold) == _dump(warm)
    assert [p.rule for p in warm.problems] == [p.rule for p in cold.problems]


def test_a_changed_file_is_parsed_again(sample, cache_dir):
    check(sample.root, TODAY, cached=True)
    sample.edit("proposals/fed-2025-001.yaml", lambda p: p.update(title="新的标题"))
    data, _ = check(sample.root, TODAY, cached=True)
    assert data.of(models.Proposal)["fed-2025-001"].title == "新的标题"


def test_a_planted_cache_file_cannot_run_code(sample, cache_dir, tmp_path):
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    path = cache.location(sample.root, "parsed", ".pickle")
    path.parent.mkdir(parents=True)
    path.write_bytes(pickle.dumps({"format": cache.FORMAT, "entries": {"x": Exploit()}}))
    data, outcome = check(sample.root, TODAY, cached=True)
    assert not marker.exists()
    assert data.of(models.Proposal) and not outcome.errors


def test_cache_files_of_other_code_versions_are_removed(sample, cache_dir):
    current = cache.location(sample.root, "parsed", ".pickle")
    stale = current.with_name(current.name.replace(cache.FORMAT, "0" * len(cache.FORMAT)))
    other_folder = cache_dir / "parsed-other-0123456789abcdef-0000.pickle"
    cache_dir.mkdir()
    stale.write_bytes(b"old")
    other_folder.write_bytes(b"another data folder")
    check(sample.root, TODAY, cached=True)
    assert current.exists() and not stale.exists() and other_folder.exists()


def test_checking_leaves_the_collector_alone(sample):
    """check() is a library function: only the commands change the process's collector settings."""
    before = gc.get_threshold(), gc.get_freeze_count()
    check(sample.root, TODAY)
    assert gc.isenabled() and (gc.get_threshold(), gc.get_freeze_count()) == before


@pytest.mark.parametrize("command", ["check", "build"])
def test_the_commands_hold_the_collector_back_while_records_load(sample, tmp_path, monkeypatch, command):
    import generator.rules.check as checking
    from generator.cli import main

    seen = []
    real = checking.check

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr("generator.commands.check.check", spy)
    monkeypatch.setattr("generator.site.build.check", spy)
    argv = ["check", str(sample.root)] if command == "check" else \
        ["build", "--data", str(sample.root), "--out", str(tmp_path / "site")]
    monkeypatch.chdir(ROOT)
    assert main([*argv, "--today", TODAY.isoformat()]) == 0
    assert seen == [False] and gc.isenabled()


def test_a_build_puts_the_collector_thresholds_back(sample_site):
    assert gc.get_threshold() != collector.BUILD_THRESHOLDS


def test_what_was_alive_during_a_check_is_freed_once_it_dies(sample):
    """Loading freezes what is alive; the next check thaws it, so `gongshi serve` does not grow."""

    class Cyclic:
        pass

    alive = Cyclic()
    alive.me = alive  # only the cyclic collector can free it
    gone = weakref.ref(alive)
    with collector.paused():  # as `gongshi check`, build and serve run check
        check(sample.root, TODAY)
    del alive
    with collector.paused():
        check(sample.root, TODAY)
    gc.collect()
    assert gone() is None


def _age(root, seconds: float = 60) -> None:
    """Set every file's modification time back, as for files checked out a while ago."""
    import os
    import time

    for path in root.rglob("*.yaml"):
        os.utime(path, (time.time() - seconds, time.time() - seconds))


def test_an_unchanged_file_is_known_by_its_signature_and_not_read(sample, cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "RACY_NS", 0)  # change times are those of the copy, a moment ago
    _age(sample.root)
    cold = check(sample.root, TODAY)[1]
    check(sample.root, TODAY, cached=True)
    stored = cache.for_data(sample.root)
    assert "proposals/fed-2025-001.yaml" in stored.files and "settings.yaml" in stored.files
    opened = []
    monkeypatch.setattr("generator.records.dataset._read", lambda path: opened.append(path))
    data, outcome = check(sample.root, TODAY, cached=True)
    assert opened == [] and outcome.findings == cold.findings  # positions read from the files when needed
    assert data.of(models.Proposal)["fed-2025-001"].title


def test_a_file_rewritten_with_its_old_size_and_times_is_read_again(sample, cache_dir, monkeypatch):
    """The change time, which cannot be set back by hand, still tells (git's index relies on it too)."""
    import os

    monkeypatch.setattr(cache, "RACY_NS", 0)
    _age(sample.root)
    check(sample.root, TODAY, cached=True)
    path = sample.path("proposals/fed-2025-001.yaml")
    before = os.stat(path)
    title = sample.read("proposals/fed-2025-001.yaml")["title"]
    text = path.read_text(encoding="utf-8")
    changed = text.replace(title, title[::-1]) if title[::-1] != title else text.replace(title, "同" * len(title))
    assert len(changed.encode()) == before.st_size and changed != text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    data, _ = check(sample.root, TODAY, cached=True)
    assert data.of(models.Proposal)["fed-2025-001"].title != title


def test_a_file_changed_just_before_the_run_is_not_trusted_by_its_signature(sample, cache_dir):
    """Within the file system's timestamp granularity a later write could keep size and times."""
    check(sample.root, TODAY, cached=True)
    assert cache.for_data(sample.root).files == {}  # the copy was made a moment ago
