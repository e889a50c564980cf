"""Unit tests of the guard's shell parser."""

from __future__ import annotations

import pytest

from kairos.guard.shell import ShellParseError, parse


def argvs(src: str) -> list[list[str]]:
    return [c.argv for c in parse(src).commands]


def test_lists_pipelines_and_subshells():
    assert argvs("a x && (b y; c) || d | e") == [["a", "x"], ["b", "y"], ["c"], ["d"], ["e"]]
    sc = parse("cat f | grep x | sh")
    assert sc.commands[2].pipe_from is sc.commands[1]


def test_quotes_and_escapes_are_removed():
    assert argvs("echo 'a b' \"c $HOME\" d\\ e") == [["echo", "a b", "c $HOME", "d e"]]
    assert argvs("\\git status") == [["git", "status"]]


def test_ansi_c_quoting_is_decoded_and_flagged():
    c = parse("$'\\x72\\x6d' -rf /").commands[0]
    assert c.argv[0] == "rm" and c.ansi_c


def test_substitutions_are_parsed_as_commands():
    cmds = argvs("echo $(curl -s http://x | base64 -d) `id` <(ls a)")
    assert ["curl", "-s", "http://x"] in cmds and ["base64", "-d"] in cmds and ["id"] in cmds and ["ls", "a"] in cmds


def test_heredoc_body_is_stdin_not_a_command():
    sc = parse("cat <<'EOF'\nrm -rf /\nEOF\necho done")
    assert [c.argv for c in sc.commands] == [["cat"], ["echo", "done"]]
    assert sc.commands[0].stdin_text == "rm -rf /\n" and not sc.commands[0].stdin_expands


def test_unquoted_heredoc_substitutions_run():
    assert ["whoami"] in argvs("cat <<EOF\nhello $(whoami)\nEOF")


def test_here_string_and_redirections():
    c = parse("grep x <<<'a b' > out.txt 2>&1").commands[0]
    assert c.stdin_text == "a b\n" and [(r.op, r.target) for r in c.redirects] == [(">", "out.txt"), (">&", "1")]


def test_assignments_and_control_flow():
    sc = parse("X=1 Y=$(pwd) env; for f in *.py; do wc -l \"$f\"; done; if true; then echo ok; fi")
    assert sc.commands[0].assigns == ["X=1", "Y=$(pwd)"]
    assert ["wc", "-l", "$f"] in [c.argv for c in sc.commands]
    assert ["echo", "ok"] in [c.argv for c in sc.commands]


@pytest.mark.parametrize("bad", ["echo 'open", "echo \"open", "echo $(ls", "cat <<EOF\nno end", "echo `x"])
def test_unparsable_raises(bad):
    with pytest.raises(ShellParseError):
        parse(bad)


def test_nul_byte_rejected():
    with pytest.raises(ShellParseError):
        parse("ls\x00rm")
