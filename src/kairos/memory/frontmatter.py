"""YAML frontmatter: parse and emit ``---``-delimited headers of Markdown files.

Parsing is strict about structure (a header must be a YAML mapping) and says
exactly what is wrong; emitting is deterministic (stable key order) so that a
file read and written back is unchanged.
"""

from __future__ import annotations

from typing import Any

from kairos.errors import MemoryFileError

__all__ = ["dump_frontmatter", "parse_frontmatter"]


def parse_frontmatter(text: str, source: str = "<memory>") -> tuple[dict[str, Any], str]:
    """Split ``text`` into (header mapping, body). A file without a header has an empty one."""
    import yaml

    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            head = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1:])
            break
    else:
        raise MemoryFileError(f"{source}: frontmatter opened with '---' but never closed")
    try:
        data = yaml.safe_load(head) if head.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise MemoryFileError(f"{source}: malformed frontmatter{where}: "
                              f"{getattr(exc, 'problem', None) or exc}") from exc
    if not isinstance(data, dict):
        raise MemoryFileError(f"{source}: frontmatter must be a mapping of keys, not {type(data).__name__}")
    return data, body.lstrip("\n")


def dump_frontmatter(header: dict[str, Any], body: str) -> str:
    import yaml

    head = yaml.safe_dump(header, sort_keys=False, allow_unicode=True, width=100,
                          default_flow_style=None)
    if yaml.safe_load(head) != header:
        # Some characters (NEL, line/paragraph separators) read back as line breaks when
        # written raw; escaping non-ASCII keeps the round trip exact.
        head = yaml.safe_dump(header, sort_keys=False, allow_unicode=False, width=100,
                              default_flow_style=None)
    head = head.rstrip("\n")
    return f"---\n{head}\n---\n\n{body.rstrip()}\n"
