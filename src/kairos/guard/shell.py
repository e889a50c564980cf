"""A small, strict POSIX/bash command parser for the guard.

It turns a command string into the simple commands that would run -- across
pipelines, lists (``;`` ``&&`` ``||`` ``&``), subshells and groups, command and
process substitution, heredocs and here-strings -- with each command's words
(quotes removed), redirections and the stdin text fed to it.

Why not bashlex: importing it costs ~100 ms, which alone would break the hook's
150 ms budget, and it rejects common constructs. This parser never executes or
expands anything; it records where expansion would happen (``$VAR``, ``$(...)``,
globs) so the analysis can treat those words as uncertain.

It must never guess: anything it cannot read (unbalanced quotes, an unclosed
substitution or heredoc) raises :class:`ShellParseError`, and the guard asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Command", "Redirect", "Script", "ShellParseError", "parse"]

MAX_DEPTH = 12
_OPS = ("&&", "||", ";;", "|&", "|", "&", ";", "\n", "(", ")")
_REDIR_OPS = ("<<<", "<<-", "&>>", "<<", ">>", "<&", ">&", "&>", "<>", ">|", "<", ">")
_RESERVED_PREFIX = {"if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done",
                    "esac", "time", "coproc"}


class ShellParseError(ValueError):
    """The command cannot be parsed with confidence."""


@dataclass
class Word:
    text: str                 # value with quotes removed; expansions kept literally ("$HOME")
    dynamic: bool = False     # contains an unquoted/double-quoted expansion ($x, $(..), `..`)
    glob: bool = False        # contains an unquoted * ? or [
    quoted: bool = False
    ansi_c: bool = False      # used $'..' quoting (a common obfuscation)


@dataclass
class Redirect:
    op: str
    target: str
    dynamic: bool = False


@dataclass
class Command:
    """One simple command as it would run."""

    argv: list[str]
    assigns: list[str] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)
    stdin_text: str | None = None       # heredoc / here-string body
    stdin_expands: bool = False          # unquoted heredoc: its body is expanded by the shell
    dynamic: list[bool] = field(default_factory=list)  # per argv word
    globbed: list[bool] = field(default_factory=list)
    ansi_c: bool = False
    pipe_from: Command | None = None     # the previous stage of its pipeline
    pipe_to: Command | None = None
    depth: int = 0                        # nesting level (0 = top, >0 inside a substitution)
    in_substitution: bool = False

    @property
    def name(self) -> str:
        return self.argv[0] if self.argv else ""


@dataclass
class Script:
    commands: list[Command]
    substitutions: list[str]   # source text of every $(..), `..`, <(..), >(..) met
    has_function_def: bool = False
    has_background: bool = False


class _Lexer:
    """Splits one command string into words and operator tokens."""

    def __init__(self, src: str, depth: int):
        self.s = src
        self.i = 0
        self.depth = depth
        self.subs: list[str] = []
        self.pending_heredocs: list[tuple[str, bool, bool, list]] = []  # delim, strip, quoted, sink

    def _skip_balanced(self, start: int, open_ch: str, close_ch: str) -> int:
        """Index just past the ``close_ch`` matching the opener at ``start``."""
        depth, i, s = 0, start, self.s
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
                continue
            if c == "'" and open_ch == "(":
                j = s.find("'", i + 1)
                if j < 0:
                    raise ShellParseError("unterminated single quote inside a substitution")
                i = j + 1
                continue
            if c == '"':
                i = self._skip_dquote(i + 1)
                continue
            if c == "`":
                j = self._find_backtick(i + 1)
                i = j + 1
                continue
            if c == open_ch:
                depth += 1
            elif c == close_ch:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise ShellParseError(f"unclosed '{open_ch}' in command")

    def _skip_dquote(self, i: int) -> int:
        s = self.s
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
                continue
            if c == '"':
                return i + 1
            if c == "$" and s.startswith("$(", i):
                i = self._skip_balanced(i + 1, "(", ")")
                continue
            if c == "`":
                i = self._find_backtick(i + 1) + 1
                continue
            i += 1
        raise ShellParseError("unterminated double quote")

    def _find_backtick(self, i: int) -> int:
        s = self.s
        while i < len(s):
            if s[i] == "\\":
                i += 2
                continue
            if s[i] == "`":
                return i
            i += 1
        raise ShellParseError("unterminated backquote")

    def _dollar(self, buf: list[str]) -> bool:
        """Consume a ``$`` expansion at self.i into buf. Returns True (always dynamic)."""
        s, i = self.s, self.i
        if s.startswith("$((", i):
            end = self._skip_balanced(i + 1, "(", ")")
            buf.append(s[i:end])
            self.i = end
        elif s.startswith("$(", i):
            end = self._skip_balanced(i + 1, "(", ")")
            self.subs.append(s[i + 2:end - 1])
            buf.append(s[i:end])
            self.i = end
        elif s.startswith("${", i):
            end = self._skip_balanced(i + 1, "{", "}")
            buf.append(s[i:end])
            self.i = end
        else:
            j = i + 1
            if j < len(s) and (s[j].isalnum() or s[j] == "_"):
                while j < len(s) and (s[j].isalnum() or s[j] == "_"):
                    j += 1
            elif j < len(s) and s[j] in "@*#?$!-0123456789":
                j += 1
            else:
                buf.append("$")
                self.i = j
                return False
            buf.append(s[i:j])
            self.i = j
        return True

    def tokens(self) -> list[tuple]:
        """Words and operators; a heredoc's delimiter word carries its body as a third item."""
        s = self.s
        out: list[tuple] = []
        want_heredoc: str | None = None
        while self.i < len(s):
            c = s[self.i]
            if c in " \t\r":
                self.i += 1
                continue
            if s.startswith("\\\n", self.i):
                self.i += 2
                continue
            if c == "#":
                j = s.find("\n", self.i)
                self.i = len(s) if j < 0 else j
                continue
            if c == "\n":
                out.append(("op", "\n"))
                self.i += 1
                self._read_heredocs()
                continue
            if c in "<>" and s.startswith("(", self.i + 1):  # process substitution
                end = self._skip_balanced(self.i + 1, "(", ")")
                self.subs.append(s[self.i + 2:end - 1])
                out.append(("word", Word(s[self.i:end], dynamic=True)))
                self.i = end
                continue
            j = self.i  # redirections, with an optional fd number glued in front
            while j < len(s) and s[j].isdigit():
                j += 1
            op = next((o for o in _REDIR_OPS if s.startswith(o, j)), None)
            if op:
                self.i = j + len(op)
                out.append(("redir", op))
                if op in ("<<", "<<-"):
                    want_heredoc = op
                continue
            op = next((o for o in _OPS if s.startswith(o, self.i)), None)
            if op:
                out.append(("op", op))
                self.i += len(op)
                continue
            w = self._word()
            if want_heredoc:
                sink: list[str] = []
                self.pending_heredocs.append((w.text, want_heredoc == "<<-", w.quoted, sink))
                out.append(("word", w, sink))
                want_heredoc = None
            else:
                out.append(("word", w))
        if self.pending_heredocs:
            raise ShellParseError("heredoc without its closing delimiter")
        return out

    def _word(self) -> Word:
        s = self.s
        buf: list[str] = []
        w = Word("")
        while self.i < len(s):
            c = s[self.i]
            if c in " \t\r\n;&|()<>":
                if not (c in "<>" and s.startswith("(", self.i + 1)):
                    break  # a word ends here; only a process substitution <(...) / >(...) continues it
                end = self._skip_balanced(self.i + 1, "(", ")")
                self.subs.append(s[self.i + 2:end - 1])
                buf.append(s[self.i:end])
                w.dynamic = True
                self.i = end
                continue
            if c == "\\":
                if self.i + 1 < len(s):
                    if s[self.i + 1] != "\n":
                        buf.append(s[self.i + 1])
                    self.i += 2
                else:
                    self.i += 1
                continue
            if c == "'":
                j = s.find("'", self.i + 1)
                if j < 0:
                    raise ShellParseError("unterminated single quote")
                buf.append(s[self.i + 1:j])
                w.quoted = True
                self.i = j + 1
                continue
            if c == "$" and s.startswith("$'", self.i):
                j = self.i + 2
                while j < len(s) and s[j] != "'":
                    j += 2 if s[j] == "\\" else 1
                if j >= len(s):
                    raise ShellParseError("unterminated $'...' quote")
                buf.append(_ansi_c(s[self.i + 2:j]))
                w.quoted = w.ansi_c = True
                self.i = j + 1
                continue
            if c == '"':
                w.quoted = True
                self.i += 1
                while True:
                    if self.i >= len(s):
                        raise ShellParseError("unterminated double quote")
                    d = s[self.i]
                    if d == '"':
                        self.i += 1
                        break
                    if d == "\\" and self.i + 1 < len(s) and s[self.i + 1] in '$`"\\\n':
                        buf.append(s[self.i + 1])
                        self.i += 2
                    elif d == "$":
                        w.dynamic |= self._dollar(buf)
                    elif d == "`":
                        j = self._find_backtick(self.i + 1)
                        self.subs.append(s[self.i + 1:j])
                        buf.append(s[self.i:j + 1])
                        w.dynamic = True
                        self.i = j + 1
                    else:
                        buf.append(d)
                        self.i += 1
                continue
            if c == "$":
                w.dynamic |= self._dollar(buf)
                continue
            if c == "`":
                j = self._find_backtick(self.i + 1)
                self.subs.append(s[self.i + 1:j])
                buf.append(s[self.i:j + 1])
                w.dynamic = True
                self.i = j + 1
                continue
            if c in "*?[":
                w.glob = True
            if c == "{" and "," in s[self.i:self.i + 200].split("}")[0]:
                w.glob = True  # brace expansion
            buf.append(c)
            self.i += 1
        w.text = "".join(buf)
        return w

    def _read_heredocs(self) -> None:
        s = self.s
        for delim, strip, _quoted, sink in self.pending_heredocs:
            lines = []
            while True:
                if self.i >= len(s):
                    raise ShellParseError(f"heredoc not closed by {delim!r}")
                j = s.find("\n", self.i)
                line = s[self.i:] if j < 0 else s[self.i:j]
                self.i = len(s) if j < 0 else j + 1
                check = line.lstrip("\t") if strip else line
                if check == delim:
                    break
                lines.append(check)
            sink.append("\n".join(lines) + "\n")
        self.pending_heredocs = []


def _ansi_c(body: str) -> str:
    try:
        return body.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return body


def parse(src: str, *, _depth: int = 0) -> Script:
    """Parse ``src`` into the simple commands it would run (substitutions included)."""
    if _depth > MAX_DEPTH:
        raise ShellParseError("command nests substitutions too deeply")
    if "\x00" in src:
        raise ShellParseError("command contains NUL bytes")
    lx = _Lexer(src, _depth)
    toks = lx.tokens()
    script = Script(commands=[], substitutions=list(lx.subs))
    cur: Command | None = None
    prev_stage: Command | None = None
    expect_cmd_start = True
    i = 0
    skip_until_sep = False
    while i < len(toks):
        kind, val = toks[i]
        if kind == "op":
            if val in ("(", ")"):
                if val == "(" and cur is not None and cur.argv and toks[i + 1:i + 2] == [("op", ")")]:
                    script.has_function_def = True  # name() { ... }
                    cur = None
                    i += 2
                    continue
                cur = _finish(script, cur)
                prev_stage = None
                i += 1
                continue
            if val in ("|", "|&"):
                if cur is None:
                    raise ShellParseError("pipe without a command before it")
                prev_stage = cur
                cur = _finish(script, cur)
                expect_cmd_start = True
                skip_until_sep = False
                i += 1
                continue
            if val == "&":
                script.has_background = True
            cur = _finish(script, cur)
            prev_stage = None
            expect_cmd_start = True
            skip_until_sep = False
            i += 1
            continue
        if skip_until_sep:
            i += 1
            continue
        if cur is None:
            cur = Command(argv=[], depth=_depth, in_substitution=_depth > 0)
            if prev_stage is not None:
                cur.pipe_from = prev_stage
                prev_stage.pipe_to = cur
                prev_stage = None
        if kind == "redir":
            if i + 1 >= len(toks) or toks[i + 1][0] != "word":
                raise ShellParseError(f"redirection {val!r} without a target")
            tgt: Word = toks[i + 1][1]  # type: ignore[assignment]
            if val in ("<<", "<<-"):
                body = toks[i + 1][2] if len(toks[i + 1]) > 2 else ""  # type: ignore[misc]
                cur.stdin_text = body[0] if body else ""
                cur.stdin_expands = not tgt.quoted
            elif val == "<<<":
                cur.stdin_text = tgt.text + "\n"
                cur.stdin_expands = tgt.dynamic
            else:
                cur.redirects.append(Redirect(val, tgt.text, tgt.dynamic))
            i += 2
            continue
        w: Word = val  # type: ignore[assignment]
        if not cur.argv:
            if w.text in ("for", "select", "case") and not w.quoted:
                skip_until_sep = True   # the loop/case header is not a command
                cur = None
                i += 1
                continue
            if w.text == "function" and not w.quoted:
                script.has_function_def = True
                skip_until_sep = True
                cur = None
                i += 1
                continue
            if w.text in _RESERVED_PREFIX and not w.quoted and expect_cmd_start:
                i += 1
                continue
            if _is_assignment(w.text) and not cur.argv:
                cur.assigns.append(w.text)
                i += 1
                continue
        cur.argv.append(w.text)
        cur.dynamic.append(w.dynamic)
        cur.globbed.append(w.glob)
        cur.ansi_c |= w.ansi_c
        expect_cmd_start = False
        i += 1
    _finish(script, cur)
    for sub in lx.subs:
        inner = parse(sub, _depth=_depth + 1)
        for c in inner.commands:
            c.in_substitution = True
        script.commands.extend(inner.commands)
        script.substitutions.extend(inner.substitutions)
    for c in list(script.commands):
        if c.stdin_text and c.stdin_expands:
            for sub in _subs_in_text(c.stdin_text):
                inner = parse(sub, _depth=_depth + 1)
                script.commands.extend(inner.commands)
                script.substitutions.append(sub)
    return script


def _finish(script: Script, cur: Command | None) -> None:
    if cur is not None and (cur.argv or cur.assigns or cur.redirects):
        if cur.argv and cur.argv[0] in ("fi", "done", "}", "esac", "then", "do", "else"):
            if len(cur.argv) == 1 and not cur.redirects:
                return None
        script.commands.append(cur)
    return None


def _is_assignment(text: str) -> bool:
    name, eq, _ = text.partition("=")
    if not eq or not name:
        return False
    name = name.rstrip("+")
    if "[" in name:
        name = name.split("[", 1)[0]
    return name.replace("_", "a").isalnum() and not name[0].isdigit()


def _subs_in_text(text: str) -> list[str]:
    """Command substitutions inside an expanding heredoc body."""
    lx = _Lexer(text, 0)
    found: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("$(", i) and not text.startswith("$((", i):
            end = lx._skip_balanced(i + 1, "(", ")")
            found.append(text[i + 2:end - 1])
            i = end
        elif text[i] == "`":
            j = lx._find_backtick(i + 1)
            found.append(text[i + 1:j])
            i = j + 1
        elif text[i] == "\\":
            i += 2
        else:
            i += 1
    return found
