"""The API memory tool backend, driven through the Anthropic SDK's own command types."""

from __future__ import annotations

import os

import pytest
from anthropic.lib.tools._beta_functions import ToolError
from anthropic.types.beta import (
    BetaMemoryTool20250818CreateCommand,
    BetaMemoryTool20250818DeleteCommand,
    BetaMemoryTool20250818InsertCommand,
    BetaMemoryTool20250818RenameCommand,
    BetaMemoryTool20250818StrReplaceCommand,
    BetaMemoryTool20250818ViewCommand,
)

from kairos import Kairos
from kairos.integrations.memory_tool import KairosMemoryTool, replay


@pytest.fixture
def tool(project, tmp_path):
    return KairosMemoryTool(tmp_path / "mem", kairos=Kairos(project), session="api-1")


def test_commands_through_sdk_types(tool, tmp_path):
    root = tmp_path / "mem"
    assert "created" in tool.execute(BetaMemoryTool20250818CreateCommand(
        command="create", path="/memories/notes/prefs.md", file_text="likes tea\nworks late\n"))
    assert (root / "notes" / "prefs.md").read_text() == "likes tea\nworks late\n"
    assert "edited" in tool.execute(BetaMemoryTool20250818StrReplaceCommand(
        command="str_replace", path="/memories/notes/prefs.md", old_str="tea", new_str="green tea"))
    tool.execute(BetaMemoryTool20250818InsertCommand(
        command="insert", path="/memories/notes/prefs.md", insert_line=0, insert_text="# prefs"))
    view = tool.execute(BetaMemoryTool20250818ViewCommand(command="view", path="/memories/notes/prefs.md"))
    assert "     1\t# prefs" in view and "green tea" in view
    listing = tool.execute(BetaMemoryTool20250818ViewCommand(command="view", path="/memories"))
    assert "/memories/notes/prefs.md" in listing
    tool.execute(BetaMemoryTool20250818RenameCommand(
        command="rename", old_path="/memories/notes/prefs.md", new_path="/memories/user.md"))
    assert (root / "user.md").exists() and not (root / "notes" / "prefs.md").exists()
    # the generic entry point the SDK's tool runner uses
    assert "created" in tool.call({"command": "create", "path": "/memories/tmp.md", "file_text": "x"})
    tool.execute(BetaMemoryTool20250818DeleteCommand(command="delete", path="/memories/tmp.md"))
    with pytest.raises(ToolError):
        tool.execute(BetaMemoryTool20250818StrReplaceCommand(
            command="str_replace", path="/memories/user.md", old_str="absent", new_str="y"))
    with pytest.raises(ToolError):
        tool.execute(BetaMemoryTool20250818CreateCommand(command="create", path="/memories/user.md",
                                                          file_text="dup"))


def test_every_mutation_is_journaled_and_replayable(tool, tmp_path):
    tool.execute(BetaMemoryTool20250818CreateCommand(command="create", path="/memories/a.md", file_text="one\n"))
    tool.execute(BetaMemoryTool20250818StrReplaceCommand(command="str_replace", path="/memories/a.md",
                                                         old_str="one", new_str="two"))
    tool.execute(BetaMemoryTool20250818CreateCommand(command="create", path="/memories/d/b.md", file_text="b\n"))
    tool.execute(BetaMemoryTool20250818RenameCommand(command="rename", old_path="/memories/d/b.md",
                                                     new_path="/memories/c.md"))
    tool.execute(BetaMemoryTool20250818DeleteCommand(command="delete", path="/memories/d"))
    ops = [r.meta["memory_tool"]["op"] for r in tool.k.journal.records() if "memory_tool" in r.meta]
    assert ops == ["create", "str_replace", "create", "rename", "delete"]
    rebuilt = tmp_path / "rebuilt"
    assert replay(tool.k.journal, rebuilt) == 5
    original = tmp_path / "mem"

    def tree(d):
        return {p.relative_to(d).as_posix(): p.read_text() for p in d.rglob("*") if p.is_file()}

    assert tree(rebuilt) == tree(original) == {"a.md": "two\n", "c.md": "b\n"}


@pytest.mark.parametrize("path", ["/memories/../escape.md", "/memories/a/../../x", "/etc/passwd",
                                  "/memoriesX/a.md", "memories/a.md", "/memories/a\x00b"])
def test_path_traversal_is_refused(tool, tmp_path, path):
    with pytest.raises(ToolError):
        tool.execute(BetaMemoryTool20250818CreateCommand(command="create", path=path, file_text="x"))
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "x").exists()


def test_symlink_escape_is_refused(tool, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("s3cret")
    os.symlink(outside, tmp_path / "mem" / "link")
    os.symlink(outside / "secret.txt", tmp_path / "mem" / "file-link.md")
    for cmd in (BetaMemoryTool20250818ViewCommand(command="view", path="/memories/link/secret.txt"),
                BetaMemoryTool20250818CreateCommand(command="create", path="/memories/link/new.md", file_text="x"),
                BetaMemoryTool20250818ViewCommand(command="view", path="/memories/file-link.md"),
                BetaMemoryTool20250818DeleteCommand(command="delete", path="/memories/link"),
                BetaMemoryTool20250818RenameCommand(command="rename", old_path="/memories/file-link.md",
                                                    new_path="/memories/x.md")):
        with pytest.raises(ToolError):
            tool.execute(cmd)
    assert not (outside / "new.md").exists() and (outside / "secret.txt").exists()
    assert "s3cret" not in tool.execute(BetaMemoryTool20250818ViewCommand(command="view", path="/memories"))
