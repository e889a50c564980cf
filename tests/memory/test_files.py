"""Memory files: frontmatter round trips, budgets, hand edits, anchors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kairos.errors import InputError, MemoryFileError, PathOutsideStore
from kairos.memory import (
    INDEX_MAX_BYTES,
    INDEX_MAX_LINES,
    TOPIC_MAX_BYTES,
    Anchor,
    MemoryDir,
    MemoryFile,
    check_anchor,
    dump_frontmatter,
    make_anchor,
    parse_frontmatter,
)

scalars = st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(),
                    st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=200, deadline=None)
@given(header=st.dictionaries(st.text(min_size=1, max_size=10), st.one_of(scalars, st.lists(scalars, max_size=3)),
                              max_size=6),
       body=st.text(max_size=300).map(lambda s: s.strip()))
def test_frontmatter_round_trip(header: dict, body: str) -> None:
    parsed, back = parse_frontmatter(dump_frontmatter(header, body))
    assert parsed == header
    assert back.strip() == body


@settings(max_examples=100, deadline=None)
@given(body=st.text(min_size=1, max_size=6000).filter(lambda s: s.strip()),
       desc=st.text(min_size=1, max_size=80).filter(lambda s: s.strip()))
def test_memory_file_round_trip_within_budget(body: str, desc: str) -> None:
    mf = MemoryFile("a-memory", desc, "project", body.strip(), sources=["01a2000000000000-dev"])
    text = mf.render()
    assert len(text.encode()) <= TOPIC_MAX_BYTES
    back = MemoryFile.parse(text, "a-memory.md")
    assert back.description == desc and back.type == "project" and back.sources == mf.sources
    if len(dump_frontmatter({"x": 1}, body).encode()) < TOPIC_MAX_BYTES - 400:
        assert back.body == mf.body


def test_malformed_frontmatter_names_the_problem() -> None:
    with pytest.raises(MemoryFileError, match="malformed frontmatter"):
        MemoryFile.parse("---\nname: [unclosed\n---\nbody", "x.md")
    with pytest.raises(MemoryFileError, match="never closed"):
        MemoryFile.parse("---\nname: x\n", "x.md")
    with pytest.raises(MemoryFileError, match="lacks description, type"):
        MemoryFile.parse("---\nname: x\n---\nbody", "x.md")
    with pytest.raises(MemoryFileError, match="unknown memory type"):
        MemoryFile.parse("---\nname: x\ndescription: d\ntype: gossip\n---\nbody", "x.md")


def test_unknown_keys_survive(tmp_path: Path) -> None:
    d = MemoryDir(tmp_path, "team")
    (tmp_path / "x.md").write_text("---\nname: x\ndescription: d\ntype: project\nowner: ana\n---\nbody\n")
    mf = d.read("x")
    assert mf.extra == {"owner": "ana"}
    assert "owner: ana" in mf.render()


def test_hand_edited_file_is_never_clobbered(tmp_path: Path) -> None:
    d = MemoryDir(tmp_path, "team")
    d.write(MemoryFile("x", "d", "project", "original"))
    assert d.hand_edits() == []
    path = tmp_path / "x.md"
    path.write_text(path.read_text().replace("original", "edited by a person"))
    assert d.hand_edits() == ["x"]
    with pytest.raises(MemoryFileError, match="edited by hand"):
        d.write(MemoryFile("x", "d", "project", "kairos version"))
    assert "edited by a person" in path.read_text()
    d.acknowledge("x")
    d.write(MemoryFile("x", "d", "project", "kairos version"))
    assert "kairos version" in path.read_text()


@pytest.mark.parametrize("dies_after", ["state", "file"])
def test_a_write_killed_half_way_is_no_hand_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 dies_after: str) -> None:
    """Found by the dream kill test: a process killed between the file and its recorded hash left
    kairos' own file looking hand-edited, and the next dream journaled it as a user statement."""
    import kairos.memory.files as files

    d = MemoryDir(tmp_path, "team")
    d.write(MemoryFile("x", "d", "project", "first"))
    real = files.atomic_write_text
    calls = []

    def dying(path: Path, text: str) -> None:
        calls.append(path.name)
        if dies_after == "file" and path.name == "x.md":
            real(path, text)
            raise KeyboardInterrupt  # killed right after the file, before its hash is final
        if dies_after == "state" and len(calls) == 2:
            raise KeyboardInterrupt  # killed after the pending hashes, before the file
        real(path, text)

    monkeypatch.setattr(files, "atomic_write_text", dying)
    with pytest.raises(KeyboardInterrupt):
        d.write(MemoryFile("x", "d", "project", "second"))
    monkeypatch.setattr(files, "atomic_write_text", real)
    assert d.hand_edits() == []
    d.write(MemoryFile("x", "d", "project", "third"))  # and the next write goes through
    assert "third" in (tmp_path / "x.md").read_text() and d.hand_edits() == []


def test_non_utf8_file_is_reported_not_fatal(tmp_path: Path) -> None:
    d = MemoryDir(tmp_path, "team")
    d.write(MemoryFile("good", "d", "project", "fine"))
    (tmp_path / "bad.md").write_bytes(b"---\nname: bad\n---\n\xff\xfe")
    files, errors = d.read_all()
    assert [f.name for f in files] == ["good"]
    assert len(errors) == 1 and "not UTF-8" in errors[0]


def test_paths_stay_inside_the_directory(tmp_path: Path) -> None:
    d = MemoryDir(tmp_path, "team")
    for bad in ("../escape", "a/b", "/etc/passwd", "UPPER"):
        with pytest.raises(InputError):
            d.file_for(bad)


def test_index_keeps_its_budget(tmp_path: Path) -> None:
    d = MemoryDir(tmp_path, "team")
    files = [MemoryFile(f"m{i:04d}", "a fairly long description " * 5, "project", "b") for i in range(600)]
    text = d.index_text(files)
    assert len(text.splitlines()) <= INDEX_MAX_LINES
    assert len(text.encode()) <= INDEX_MAX_BYTES
    assert "more memories" in text.splitlines()[-1]


def test_anchor_flags_file_gone_symbol_gone_and_changed(tmp_path: Path) -> None:
    src = tmp_path / "app.py"
    src.write_text("def parse(x):\n    return x + 1\n\n\ndef other():\n    pass\n")
    a = make_anchor(tmp_path, "app.py:parse")
    assert a.definition and not check_anchor(tmp_path, a).stale
    src.write_text("def parse(x):\n        return x + 1\n\n\ndef other():\n    return 2\n")  # reformatted only
    assert not check_anchor(tmp_path, a).stale
    src.write_text("def parse(x):\n    return x + 2\n")
    assert "changed" in check_anchor(tmp_path, a).why
    src.write_text("def parse_all(x):\n    return x\n")
    assert "no longer in" in check_anchor(tmp_path, a).why
    src.unlink()
    assert "no longer exists" in check_anchor(tmp_path, a).why
    with pytest.raises(PathOutsideStore):
        make_anchor(tmp_path, "../outside.py")
    assert check_anchor(tmp_path, Anchor("../../etc/passwd", None, "x")).stale
