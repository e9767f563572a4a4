"""The YAML loader: positions for every key, and refusal of hostile or broken files."""

from __future__ import annotations

import pytest

from generator.records.loader import MAX_FILE_BYTES, YamlProblem, decode, parse


def test_positions_point_at_keys_and_items():
    doc = parse("schema: gongshi/v1\nid: a\npresidium:\n  - person: p-1\n    appointed: 2024-10-01\n")
    assert doc.locate(("id",)) == (2, 1)
    assert doc.locate(("presidium", 0, "appointed")) == (5, 5)
    # a path that does not exist falls back to its longest existing prefix
    assert doc.locate(("presidium", 0, "missing")) == (4, 5)


@pytest.mark.parametrize(
    "text, fragment, line",
    [
        ("a: 1\na: 2\n", "重复", 2),
        ("a:\n\tb: 1\n", "制表符", 2),
        ("a: !!python/object:os.system x\n", "标签", 1),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "合并键", 3),
        ("a: [1, 2\n", "没有闭合", 1),
        ("   \n", "文件为空", 1),
        ("a: 2025-02-30\n", "无法读取", 1),
        ("a: !custom 1\n", "标签", 1),
    ],
)
def test_bad_yaml_is_a_problem_with_a_line(text, fragment, line):
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert fragment in caught.value.message
    assert caught.value.line == line
    assert caught.value.fix


def test_billion_laughs_is_refused_not_expanded():
    rows = ["a: &a [1,1,1,1,1,1,1,1,1]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        rows.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    with pytest.raises(YamlProblem) as caught:
        parse("\n".join(rows) + "\n")
    assert "别名" in caught.value.message or "别名" in caught.value.fix


def test_value_limit_is_exact_for_text_values():
    """MAX_VALUES counts every value, text in a mapping included (the fast path for text too)."""
    from generator.records.loader import MAX_VALUES

    def mapping(n: int) -> str:  # the mapping itself is one value, its n text values the rest
        return "".join(f"k{i}: v\n" for i in range(n))

    assert len(parse(mapping(MAX_VALUES - 1)).data) == MAX_VALUES - 1
    with pytest.raises(YamlProblem) as caught:
        parse(mapping(MAX_VALUES))
    assert caught.value.line == MAX_VALUES  # the first value over the limit


def test_recursive_alias_is_refused():
    with pytest.raises(YamlProblem):
        parse("a: &a [*a]\n")


def test_decode_refuses_non_utf8_and_huge_files():
    with pytest.raises(YamlProblem) as caught:
        decode(b"a: 1\nb: \xff\n")
    assert caught.value.line == 2
    with pytest.raises(YamlProblem):
        decode(b"a" * (MAX_FILE_BYTES + 1))


def test_scalars_keep_their_types():
    doc = parse("n: 3\nf: 1.5\nb: true\nd: 2024-09-01\ns: '2024-09-01'\nz: null\n")
    assert doc.data["n"] == 3 and doc.data["b"] is True and doc.data["z"] is None
    assert str(doc.data["d"]) == "2024-09-01" and doc.data["s"] == "2024-09-01"


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, 2, 2024-09-01, true, ~, 1.5, '3']\nc: {d: 2024-9-1, e: \"t\\u00e9\"}\n",
    "a: 1\r\nb: 文本\r\n",                        # CRLF: a control character in the text, none in a value
    "k: \"\\x07\"\n",                             # an escape that makes a control character
    "k: ok\n# \u2066 in a comment\n",
    "k: a\u2066b\n",
    "1: a\n",                                      # a typed key
    "a: &x [1, 2]\nb: *x\n",
    "a: 1\na: 1\n",
    "a: 2025-02-30\n",
    "a: !!str 1\nb: !!int '7'\n",
    "- " * 200 + "x\n",                            # deep nesting
])
def test_the_quick_builder_reads_or_refuses_exactly_as_the_careful_one(text):
    """Values and problems never depend on which builder read a file (the quick one gives up on doubt)."""
    from generator.records.loader import _Builder, _Irregular, _Loader, _QuickBuilder

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    try:
        careful = _Builder().build(node)
    except (YamlProblem, RecursionError) as error:
        careful = type(error)
    try:
        quick = _QuickBuilder(text).build(node)
    except (_Irregular, RecursionError):
        quick = None  # parse() then runs the careful builder
    assert quick is None or quick == careful
    try:
        parsed = parse(text).data
    except YamlProblem:
        parsed = YamlProblem
    assert parsed == careful or (careful is RecursionError and parsed is YamlProblem)


def _same(a, b) -> bool:
    """Two parse_many results alike: equal values, or problems with the same fields."""
    if isinstance(a, YamlProblem) or isinstance(b, YamlProblem):
        return (type(a), getattr(a, "__dict__", None)) == (type(b), getattr(b, "__dict__", None))
    return a.data == b.data and a.text == b.text


def test_many_files_parse_the_same_on_two_cores(monkeypatch):
    """Above PARALLEL_MIN a helper process parses half the files: same values, same problems."""
    from generator.records import loader
    from tests.conftest import SAMPLE

    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.rglob("*.yaml"))]
    texts += ["a: 1\na: 2\n", "a: [1, 2\n", "k: \"\\x07\"\n", "a: 2025-02-30\n"] * 3
    alone = loader.parse_many(texts)
    monkeypatch.setattr(loader, "PARALLEL_MIN", 1)
    monkeypatch.setattr(loader, "_cores", lambda: 2)
    helper, shares = loader._Helper, []

    class Seen(helper):
        def results(self):
            shares.append(self.process is not None and len(self.texts))
            return super().results()

    monkeypatch.setattr(loader, "_Helper", Seen)
    together = loader.parse_many(texts)
    assert shares and 0 < shares[0] < len(texts)  # the helper started, with a share of the files
    assert len(together) == len(alone) and all(_same(a, b) for a, b in zip(alone, together))
    assert sum(isinstance(found, YamlProblem) for found in together) == 12


def test_a_helper_that_fails_leaves_its_share_to_this_process(monkeypatch):
    from datetime import date

    from generator.records import loader

    texts = ["a: 1\n", "b: [x]\n", "c: 2024-09-01\n", "a: 1\na: 2\n"]
    monkeypatch.setattr(loader, "PARALLEL_MIN", 1)
    monkeypatch.setattr(loader, "_cores", lambda: 2)
    for broken in ("import sys; sys.exit(3)", "import sys; sys.stdout.write('x')",
                   "import pickle, sys; sys.stdout.buffer.write(pickle.dumps([(True, {})] * 9))"):
        monkeypatch.setattr(loader, "_HELPER", broken)
        found = loader.parse_many(texts)
        assert [f.data for f in found[:3]] == [{"a": 1}, {"b": ["x"]}, {"c": date(2024, 9, 1)}]
        assert isinstance(found[3], YamlProblem) and "重复" in found[3].message
