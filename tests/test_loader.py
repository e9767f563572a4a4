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
