"""YAML mistakes in Chinese, on the line where the mistake is, with the fix.

PyYAML (libyaml) reports where it noticed a problem, which is often a line after the mistake
(a full-width colon is "could not find expected ':'" on the next line; an unclosed quote is
"unexpected end of stream" at the end of the file). ``diagnose`` looks at the text around the
marks for the usual causes of a Chinese keyboard and of hand-indented files, and points at the
line that has to change. ``prescan`` finds the mistakes YAML accepts silently (a key written with
a full-width colon inside a list item, a full-width space in the indentation), which would
otherwise surface later as a confusing schema message.

Messages name keys and characters, never a value: a value can be private.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# A key at the start of a line (after the indentation and an optional list dash).
_KEY = re.compile(r"^(?P<indent>[ ]*)(?:-[ ]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)[ ]*:(?:[ ]|$)")
_FULLWIDTH_COLON_KEY = re.compile(r"^[ ]*(?:-[ ]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)[ \u3000]*：", re.M)
# A full-width space where YAML needs a half-width one: in the indentation before a key or a dash,
# or right after a dash (text that merely starts with one, like a paragraph indent, is left alone).
_FULLWIDTH_INDENT = re.compile(r"^[ ]*(?:-\u3000|\u3000[ \u3000]*(?:-[ ]|[A-Za-z_][\w.-]*[ ]*:))", re.M)
_NO_SPACE_AFTER_COLON = re.compile(r"^[ ]*(?:-[ ]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.-]*):(?P<value>[^\s:/])")
_BLOCK_SCALAR = re.compile(r":[ ]*[|>][-+0-9]*[ ]*(?:#.*)?$")
_FULLWIDTH_PUNCTUATION = "“”‘’，【】"


@dataclass
class Diagnosis:
    message: str
    line: int            # 1-based
    column: int          # 1-based
    fix: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _in_block_scalars(lines: list[str]) -> list[bool]:
    """For each line, whether it is the text of a `|` or `>` block (free text, where anything goes)."""
    inside, owner = [], None
    for line in lines:
        if owner is not None and (not line.strip() or _indent(line) > owner):
            inside.append(True)
            continue
        owner = None
        inside.append(False)
        if _BLOCK_SCALAR.search(line.split(" #")[0] if " #" in line else line):
            owner = _indent(line)
    return inside


def prescan(text: str) -> Diagnosis | None:
    """Mistakes that YAML would read without an error, as something else than the author meant."""
    if "：" not in text and "\u3000" not in text:
        return None
    lines = text.splitlines()
    free = None
    for pattern, make in ((_FULLWIDTH_COLON_KEY, _fullwidth_colon), (_FULLWIDTH_INDENT, _fullwidth_indent)):
        for match in pattern.finditer(text):
            number = text.count("\n", 0, match.start())
            free = free if free is not None else _in_block_scalars(lines)
            if not free[number]:
                return make(lines, number)
    return None


def _fullwidth_colon(lines: list[str], index: int) -> Diagnosis:
    line = lines[index]
    match = _FULLWIDTH_COLON_KEY.match(line)
    key = match.group("key") if match else ""
    return Diagnosis(f"`{key}` 后面用了全角冒号“：”，YAML 不认识，这一行没有被读成字段", index + 1,
                     line.index("：") + 1,
                     f"把“：”改为半角冒号加一个空格（切换到英文输入法输入），写成 `{key}: …`")


def _fullwidth_indent(lines: list[str], index: int) -> Diagnosis:
    line = lines[index]
    if line.lstrip(" ").startswith("-"):
        return Diagnosis("列表项的短横线 `-` 后面是全角空格（中文输入法的空格），YAML 只认半角空格", index + 1,
                         line.index("\u3000") + 1, "把 `-` 后面的全角空格换成一个半角空格，写成 `- …`")
    return Diagnosis("缩进中有全角空格（中文输入法的空格），YAML 只认半角空格", index + 1,
                     line.index("\u3000") + 1,
                     "删去这一行开头的空白，重新用半角空格缩进（与同级的字段对齐）")


def _previous(lines: list[str], index: int) -> int | None:
    """The nearest line above ``index`` with content (not blank, not a comment)."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return i
    return None


def _owner(lines: list[str], index: int, indent: int) -> str:
    """Who holds lines indented ``indent`` above ``index``: "`key`", "`key` 的列表项" or "文件顶层"."""
    for i in range(min(index, len(lines)) - 1, -1, -1):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#") or _indent(line) >= indent:
            continue
        if line.lstrip().startswith("- "):  # inside a list item: the list's key holds it
            return f"{_owner(lines, i, _indent(line) + 1 if _indent(line) else 1)} 的列表项"
        match = _KEY.match(line)
        if match:
            return f"`{match.group('key')}`"
    return "文件顶层"


def _line_cause(lines: list[str], index: int) -> Diagnosis | None:
    """A mistake visible on one line: full-width colon or space, missing space after a colon or dash."""
    if not 0 <= index < len(lines):
        return None
    line = lines[index]
    if _FULLWIDTH_COLON_KEY.match(line):
        return _fullwidth_colon(lines, index)
    stripped = line.lstrip(" ")
    if stripped.startswith("\u3000") or re.match(r"-[ ]*\u3000", stripped):
        return _fullwidth_indent(lines, index)
    match = _NO_SPACE_AFTER_COLON.match(line)
    if match and not _KEY.match(line):
        key = match.group("key")
        return Diagnosis(f"`{key}` 的冒号后面缺少空格，YAML 把整行读成了一段文字", index + 1,
                         match.end("key") + 1, f"在冒号后加一个空格：`{key}: …`")
    if re.match(r"^[ ]*-[^\s-]", line):
        return Diagnosis("列表项的短横线 `-` 后面缺少空格", index + 1, _indent(line) + 1,
                         "在 `-` 后加一个空格，写成 `- …`")
    return None


def _unclosed_quote(lines: list[str], error: yaml.MarkedYAMLError) -> Diagnosis:
    mark = error.context_mark
    index, column = (mark.line, mark.column) if mark else (0, 0)
    line = lines[index] if index < len(lines) else ""
    quote = line[column] if column < len(line) and line[column] in "\"'" else "\""
    if any(c in line[column + 1 :] for c in "“”‘’"):
        return Diagnosis(f"这一行的文字以半角引号 {quote} 开头，结尾却是全角引号，引号没有闭合", index + 1,
                         column + 1, f"把结尾的全角引号改为半角 {quote}（文字中间需要引号时用中文引号“”）")
    return Diagnosis(f"这一行开头的引号 {quote} 没有闭合，YAML 一直读到了文件末尾", index + 1, column + 1,
                     f"在这段文字的末尾补上 {quote}；文字中间需要引号时用中文引号“”")


def _indentation(lines: list[str], index: int) -> Diagnosis:
    """Line ``index`` does not line up with the block it seems to belong to."""
    line = lines[index] if index < len(lines) else ""
    match = _KEY.match(line)
    name = f"`{match.group('key')}`" if match else "这一行"
    here = _indent(line)
    above = _previous(lines, index)
    if above is not None:
        sibling = lines[above]
        width = _indent(sibling)
        if sibling.lstrip().startswith("- ") and _KEY.match(sibling):
            width += 2 + (len(sibling.lstrip()[2:]) - len(sibling.lstrip()[2:].lstrip(" ")))
        if here != width:
            owner = _owner(lines, above + 1, width)
            return Diagnosis(f"{name} 的缩进（{here} 格）与上一行（{width} 格）不一致，看不出它是否属于 {owner}",
                             index + 1, here + 1,
                             f"同一层的字段左边对齐：属于 {owner} 就缩进 {width} 格，否则与上一层的字段对齐；只用空格")
    return Diagnosis(f"{name} 的缩进不对", index + 1, here + 1, "同一层的字段左边对齐，只用空格缩进")


def _mapping_values(lines: list[str], error: yaml.MarkedYAMLError) -> Diagnosis:
    """"mapping values are not allowed here": a colon where YAML did not expect a key."""
    index, column = error.problem_mark.line, error.problem_mark.column
    above = _previous(lines, index)
    for candidate in (above, index):
        if candidate is not None:
            cause = _line_cause(lines, candidate)
            if cause:
                return cause
    line = lines[index] if index < len(lines) else ""
    first = _KEY.match(line)
    if first and column > first.end("key"):
        return Diagnosis(f"`{first.group('key')}` 的值中含有“冒号+空格”，YAML 把它当成了又一个字段", index + 1,
                         column + 1, "给整个值加上引号（例如 `title: \"…\"`），或把值中的冒号改为全角“：”")
    if above is not None and _indent(line) > _indent(lines[above]):
        owner = _KEY.match(lines[above])
        name = f"`{first.group('key')}`" if first else "这一行"
        if owner is None:
            return Diagnosis(f"{name} 比上一行缩进得多，看不出它属于哪一层", index + 1, _indent(line) + 1,
                             "同一层的字段左边对齐，只用半角空格缩进")
        what = f"`{owner.group('key')}`"
        return Diagnosis(f"{name} 比上一行 {what} 缩进得多，但 {what} 已经有值了", index + 1, _indent(line) + 1,
                         f"如果 {name} 与 {what} 同级，就与它左边对齐；如果属于 {what}，把 {what} 的值删去")
    if first is None and ":" in line:
        return Diagnosis("这一行的冒号位置不对，YAML 无法把它读成 `键: 值`", index + 1, column + 1,
                         "写成 `键: 值`（键是英文字段名）；文字中含冒号时给整个值加引号")
    return _indentation(lines, index)


def _simple_key(lines: list[str], error: yaml.MarkedYAMLError) -> Diagnosis:
    """"could not find expected ':'": the line where the key started is not `key: value`."""
    index = error.context_mark.line if error.context_mark else error.problem_mark.line
    cause = _line_cause(lines, index)
    if cause:
        return cause
    line = lines[index] if index < len(lines) else ""
    if "：" in line:
        return Diagnosis("这一行用了全角冒号“：”，不是 `键: 值` 的形式", index + 1, line.index("：") + 1,
                         "字段名用英文（如 `title`，见 JSON Schema 或员工指南），后面接半角冒号和一个空格：`title: …`")
    return Diagnosis("这一行不是 `键: 值` 的形式（可能是上一行值的续行，或漏了冒号）", index + 1, _indent(line) + 1,
                     "写成 `键: 值`；多行文字请用 `键: |` 并把文字缩进在下面")


def _flow(lines: list[str], error: yaml.MarkedYAMLError, closing: str) -> Diagnosis:
    mark = error.context_mark or error.problem_mark
    line = lines[mark.line] if mark.line < len(lines) else ""
    opening = "[" if closing == "]" else "{"
    if any(c in line for c in "，【】"):
        return Diagnosis(f"这一行的 {opening} … {closing} 中用了全角逗号或括号", mark.line + 1, mark.column + 1,
                         f"用半角的 {opening} {closing} 和逗号“, ”，例如 `[a, b]`；或改成每项一行的 `- ` 列表")
    return Diagnosis(f"这一行开始的 {opening} 没有闭合，或各项之间缺少逗号", mark.line + 1, mark.column + 1,
                     f"在同一行末尾补上 {closing}，各项之间用半角逗号“, ”分隔；或改成每项一行的 `- ` 列表")


def _expected_key(lines: list[str], error: yaml.MarkedYAMLError) -> Diagnosis:
    """"did not find expected key" / "'-' indicator": a line that does not fit the block it is in."""
    index, column = error.problem_mark.line, error.problem_mark.column
    line = lines[index] if index < len(lines) else ""
    cause = _line_cause(lines, index)
    if cause:
        return cause
    before = line[:column].rstrip()
    if before and before[-1] in "\"'" and column > _indent(line):
        return Diagnosis("引号闭合之后还有文字", index + 1, column + 1,
                         "把整个值放在一对引号里，或去掉引号；文字中间需要引号时用中文引号“”")
    above = _previous(lines, index)
    if line.lstrip().startswith("- ") and above is not None and _indent(lines[above]) == _indent(line):
        key = _KEY.match(lines[above])
        if key and lines[above].rstrip()[-1] != ":":
            return Diagnosis(f"列表项 `- ` 只能写在以冒号结尾的键下面，上一行 `{key.group('key')}` 已经有值",
                             index + 1, _indent(line) + 1,
                             "把列表项移到它所属的键（如 `answers:`）下面并对齐；不是列表就写成 `键: 值`")
    if line.lstrip().startswith("- ") and error.problem and "key" in error.problem:
        return Diagnosis(f"列表项 `- ` 的缩进（{_indent(line)} 格）与上面同一列表的各项不一致", index + 1,
                         _indent(line) + 1,
                         "同一个列表的各项（`- ` 开头）左边对齐；不属于列表的字段写成 `键: 值`")
    return _indentation(lines, index)


# What each libyaml problem means, when no cause around the mark was recognised.
PROBLEMS = {
    "found character that cannot start any token": ("值不能以这个符号开头（` @ % 等在 YAML 中有特殊含义）",
                                                    "给整个值加上引号，例如 `title: \"…\"`"),
    "found undefined alias": ("值以 `*` 开头，YAML 把它当成了别名", "给整个值加上引号"),
    "did not find expected alphabetic or numeric character": ("值以 `&` 或 `*` 开头，YAML 把它当成了锚点或别名",
                                                              "给整个值加上引号"),
    "found duplicate anchor": ("同一个锚点 `&` 出现了两次", "不要用锚点与别名，直接写出字段"),
    "found unknown escape character": ("双引号中的反斜杠 `\\` 后面跟了不能转义的字符",
                                       "改用单引号，或把 `\\` 写成 `\\\\`"),
    "expected a single document": ("文件中有第二个文档（多余的 `---`）",
                                   "一个文件只放一条记录：删去多余的 `---`，或把后面的内容另存为新文件"),
    "but found another document": ("文件中有第二个文档（多余的 `---`）",
                                   "一个文件只放一条记录：删去多余的 `---`，或把后面的内容另存为新文件"),
    "did not find expected comment or line break": ("`|` 或 `>` 后面只能换行", "把文字写在下一行，并比键多缩进两格"),
    "found a tab character": ("缩进中含有制表符（Tab）", "把 Tab 换成空格（YAML 只允许空格缩进）"),
    "block sequence entries are not allowed": ("列表项 `- ` 不能写在这里（同一行已经有值，或缩进不对）",
                                                "把 `- ` 写在新的一行，并比所属的键多缩进两格"),
    "did not find expected node content": ("这里缺少值", "在冒号后写上值；没有值时删去这一行"),
    "found unexpected document indicator": ("引号中的文字里有一行 `---` 或 `...`", "把这段文字改为 `键: |` 的多行写法"),
    "did not find expected <document start>": ("文件开头的结构不对", "文件应从 `schema: …` 等 `键: 值` 开始"),
    "found duplicate %YAML directive": ("文件中有重复的 `%YAML` 指令", "删去 `%YAML` 这一行"),
    "found incompatible YAML document": ("不支持的 YAML 版本", "删去 `%YAML` 这一行"),
    "found undefined tag handle": ("不支持的 `!` 标签", "删去值前面的 `!…`"),
}

FALLBACK = {
    yaml.scanner.ScannerError: ("YAML 写法有误：有无法识别的符号", "检查这一行的冒号、引号和括号是否都是半角，且成对"),
    yaml.parser.ParserError: ("YAML 结构有误：缩进或层次不对", "同一层的字段左边对齐，只用空格缩进"),
    yaml.composer.ComposerError: ("YAML 文档结构有误", "一个文件只写一条记录，不用锚点和别名"),
    yaml.constructor.ConstructorError: ("无法读取的值", "参照员工指南中的示例修改"),
}


def diagnose(text: str, error: yaml.YAMLError) -> Diagnosis:
    """A Chinese message, the line to change and the fix, for any error PyYAML raises while loading."""
    lines = text.splitlines()
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return Diagnosis(f"文件含有不可见的控制字符（编码 {error.character:#04x}）", line, column,
                         "删去该字符（通常是从网页或文档中复制来的），或重新输入这一行")
    if not isinstance(error, yaml.MarkedYAMLError):
        return Diagnosis("文件无法作为 YAML 读取", 1, 1, "参照员工指南中的示例重写此文件")
    problem, context = error.problem or "", error.context or ""
    if "quoted scalar" in context and "end of stream" in problem:
        return _unclosed_quote(lines, error)
    if "mapping values are not allowed" in problem and error.problem_mark:
        return _mapping_values(lines, error)
    if "could not find expected ':'" in problem:
        return _simple_key(lines, error)
    if "expected ',' or ']'" in problem:
        return _flow(lines, error, "]")
    if "expected ',' or '}'" in problem:
        return _flow(lines, error, "}")
    if ("did not find expected key" in problem or "expected '-' indicator" in problem) and error.problem_mark:
        return _expected_key(lines, error)
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if mark:
        cause = _line_cause(lines, mark.line)
        if cause:
            return cause
    for fragment, (message, fix) in PROBLEMS.items():
        if fragment in problem or fragment in context:
            if fragment.startswith(("found duplicate anchor", "expected a single")) and error.problem_mark:
                line, column = error.problem_mark.line + 1, error.problem_mark.column + 1
            return Diagnosis(message, line, column, fix)
    for kind, (message, fix) in FALLBACK.items():
        if isinstance(error, kind):
            return Diagnosis(message, line, column, fix)
    return Diagnosis("文件无法作为 YAML 读取", line, column, "参照员工指南中的示例重写此文件")
