"""Deterministic analysis of a proposed shell command.

The command is parsed (:mod:`kairos.guard.shell`), wrappers are peeled off
(``sudo``, ``env``, ``timeout``, ``xargs``, ``nice``...), each simple command is
judged by what it does to which paths and hosts (:mod:`kairos.guard.programs`),
and then the script is judged as a whole by data flow: a secret source feeding
a network sink is exfiltration; a network fetch or a decoder feeding an
interpreter is remote or obfuscated code execution, wherever the pieces sit
(pipes, substitutions, ``eval``, a downloaded file that is later run).

Never trusts a word it cannot read: variables and substitutions in a command
name or a dangerous argument make the result uncertain, which means "ask".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from kairos.guard._lazy import lazy_re
from kairos.guard.findings import ASK, DENY, REQUEST, Finding
from kairos.guard.paths import PathInfo, Paths
from kairos.guard.shell import Command, ShellParseError, parse

__all__ = ["Ctx", "Facts", "ShellAnalyzer"]

MAX_COMMAND_CHARS = 100_000
SECRET_VAR = lazy_re(r"\$\{?[A-Za-z0-9_]*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|PRIVATE_KEY|ACCESS_KEY|"
                        r"CREDENTIAL|AUTH|SESSION|COOKIE)[A-Za-z0-9_]*", re.I)
_HISTORY_VARS = ("HISTFILE", "HISTSIZE", "HISTFILESIZE", "HISTCONTROL", "HISTIGNORE")
_DANGER_ENV = ("LD_PRELOAD", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES", "PROMPT_COMMAND", "BASH_ENV", "ENV",
               "GIT_SSH_COMMAND", "GIT_EXTERNAL_DIFF", "PAGER", "GIT_PAGER", "EDITOR", "GIT_EDITOR")


@dataclass
class Facts:
    """What one script does, gathered across all its simple commands."""

    findings: list[Finding] = field(default_factory=list)
    secret_source: bool = False       # reads credentials / dumps the environment
    net_send: bool = False            # sends data to the network
    net_fetch: bool = False           # fetches from the network
    decoder: bool = False             # decodes hidden text (base64 -d, xxd -r, printf \x..)
    exec_stdin: bool = False          # an interpreter runs what it reads on stdin
    exec_dynamic: bool = False        # code built at run time is executed (eval $x, sh -c "$(..)")
    downloaded: set[str] = field(default_factory=set)   # files written by a network fetch
    executed: set[str] = field(default_factory=set)     # files run as programs
    hosts: set[str] = field(default_factory=set)

    def add(self, fid: str, level: int, reason: str, **kw: object) -> None:
        self.findings.append(Finding(fid, level, reason, **kw))  # type: ignore[arg-type]


class Ctx:
    """Per-analysis state: the paths helper, the script's variables and working directory."""

    def __init__(self, paths: Paths, facts: Facts, depth: int = 0):
        self.paths = paths
        self.facts = facts
        self.vars: dict[str, str] = {}
        self.cwd = paths.cwd
        self.depth = depth

    def info(self, raw: str) -> PathInfo:
        return self.paths.info(raw, base=self.cwd)

    # ---- path-level judgements shared by the program handlers
    def read(self, raw: str, *, what: str = "reads") -> None:
        if not _pathish(raw, self.cwd):
            return
        p = self.info(raw)
        if p.secret:
            self.facts.secret_source = True
            self.facts.add("secret.read", ASK, f"{what} a credential file ({_short(p.path, self.paths)})")

    def write(self, raw: str, *, what: str = "writes") -> None:
        p = self.info(raw)
        short = _short(p.path, self.paths)
        if p.device:
            self.facts.add("fs.device-write", DENY, f"{what} a raw device ({p.path})")
        elif p.path in ("/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty") or p.path.startswith("/dev/fd/"):
            return
        elif p.persistence:
            self.facts.add("persist.write", ASK, f"{what} a start-up, hook or scheduler file ({short}): "
                           "that is persistence")
        elif p.secret:
            self.facts.add("secret.write", ASK, f"{what} a credential file ({short})")
        elif p.dynamic:
            self.facts.add("fs.write-unknown", ASK, f"{what} a path built from variables ({raw})")
        elif p.git_internal:
            self.facts.add("vcs.git-internal", ASK, f"{what} inside .git ({short})")
        elif p.ci_config:
            self.facts.add("persist.ci", REQUEST, f"{what} CI configuration ({short})",
                           intents=("ci", "workflow", "pipeline", "action", "github action"),
                           targets=(os.path.basename(p.path),))
        elif p.in_project or p.in_temp:
            return
        elif p.system:
            self.facts.add("priv.system-write", ASK, f"{what} a system location ({p.path})")
        elif p.is_root_like or p.is_temp_root:
            self.facts.add("fs.write-root", DENY, f"{what} over a top-level directory ({p.path})")
        else:
            self.facts.add("fs.write-outside", REQUEST, f"{what} outside the project ({short})",
                           intents=("write", "save", "create", "copy", "put", "move", "update", "set", "edit",
                                    "add", "install", "export", "store"),
                           targets=_names(raw, p.path))

    def delete(self, raw: str, *, recursive: bool, what: str = "deletes") -> None:
        p = self.info(raw)
        short = _short(p.path, self.paths)
        glob = any(ch in raw for ch in "*?[")
        plain = p.path[:-2] if p.path.endswith("/*") else p.path
        if p.is_root_like or p.is_home or (glob and (p.is_temp_root or plain in (self.paths.root, self.paths.home))):
            self.facts.add("fs.delete-catastrophic", DENY, f"{what} {raw!s} -> {p.path}: a root, home, project or "
                           "shared temp directory")
        elif p.device:
            self.facts.add("fs.device-write", DENY, f"{what} a device ({p.path})")
        elif p.system:
            self.facts.add("fs.delete-system", DENY, f"{what} system files ({p.path})")
        elif p.secret or p.persistence:
            self.facts.add("fs.delete-sensitive", ASK, f"{what} credentials or start-up files ({short})")
        elif p.dynamic:
            self.facts.add("fs.delete-unknown", ASK, f"{what} a path built from variables ({raw})")
        elif p.git_internal:
            self.facts.add("vcs.delete-git", ASK, f"{what} repository internals ({short})")
        elif not (p.in_project or p.in_temp or p.in_home):
            level = DENY if recursive and os.path.dirname(plain) in ("/home", "/Users") else ASK
            self.facts.add("fs.delete-outside", level, f"{what} {p.path}, outside the project and temp dirs")
        elif p.in_home and not p.in_project and "/." in p.path[len(self.paths.home):]:
            self.facts.add("fs.delete-dotdir", ASK, f"{what} hidden configuration or cache in your home ({short})")
        else:
            self.facts.add("fs.delete", REQUEST, f"{what} {short}{' recursively' if recursive else ''}",
                           intents=DELETE_VERBS, targets=_names(raw, p.path))

    def host(self, host: str) -> None:
        if host:
            self.facts.hosts.add(host.lower())


DELETE_VERBS = ("delete", "remove", "rm", "wipe", "clear", "clean", "get rid", "erase", "purge", "drop", "nuke",
                "trash", "discard", "prune", "destroy", "throw away", "empty")


def _pathish(raw: str, cwd: str) -> bool:
    return "/" in raw or raw.startswith((".", "~", "$")) or os.path.lexists(os.path.join(cwd, raw))


def _short(path: str, paths: Paths) -> str:
    if path.startswith(paths.root + "/"):
        return os.path.relpath(path, paths.root)
    if path.startswith(paths.home + "/"):
        return "~/" + os.path.relpath(path, paths.home)
    return path


def _names(raw: str, path: str) -> tuple[str, ...]:
    base = os.path.basename(path.rstrip("/*")) or path
    out = {base, raw.rstrip("/"), path}
    stem = base.rsplit(".", 1)[0]
    if stem and len(stem) > 2:
        out.add(stem)
    return tuple(sorted(x for x in out if x))


class ShellAnalyzer:
    """Judges a Bash tool call's command string."""

    def __init__(self, paths: Paths):
        self.paths = paths

    def analyze(self, command: str) -> Facts:
        facts = Facts()
        if not isinstance(command, str) or not command.strip():
            facts.add("input.empty", ASK, "empty or missing command")
            return facts
        if len(command) > MAX_COMMAND_CHARS:
            facts.add("input.too-long", ASK, f"command is {len(command)} characters long; too long to judge")
            return facts
        if any(ord(c) < 32 and c not in "\t\n\r" for c in command):
            facts.add("input.control-chars", ASK, "command contains control characters")
            return facts
        self.run(command, Ctx(self.paths, facts))
        _dataflow(facts)
        return facts

    def run(self, command: str, ctx: Ctx) -> None:
        """Analyse ``command`` into ``ctx.facts`` (recursively for nested shells)."""
        if ctx.depth > 6:
            ctx.facts.add("shell.too-deep", ASK, "shell nested inside shell too many times")
            return
        try:
            script = parse(command)
        except ShellParseError as exc:
            ctx.facts.add("shell.unparsable", ASK, f"cannot parse the shell command ({exc})")
            return
        if script.has_function_def:
            ctx.facts.add("shell.function", ASK, "defines shell functions; their bodies run later")
        from kairos.guard.programs import judge

        for cmd in script.commands:
            self._assignments(cmd, ctx)
            for r in cmd.redirects:
                if r.op in (">", ">>", ">|", "&>", "&>>", "<>"):
                    if r.op in (">", ">|") and r.target.isdigit():
                        continue
                    ctx.write(r.target, what="redirects output to")
                elif r.op == "<":
                    ctx.read(r.target, what="feeds from")
            if cmd.argv:
                judge(cmd, list(cmd.argv), ctx, self)

    def _assignments(self, cmd: Command, ctx: Ctx) -> None:
        for a in cmd.assigns:
            name, _, value = a.partition("=")
            name = name.rstrip("+")
            if name in _HISTORY_VARS:
                ctx.facts.add("hist.tamper", ASK, f"changes {name}: hides shell history")
            if name in _DANGER_ENV or name == "PATH" and not value.startswith(("$PATH", "${PATH}")) and \
                    not value.endswith(("$PATH", "${PATH}")):
                ctx.facts.add("env.hijack", ASK, f"sets {name}, which changes what later programs run")
            if SECRET_VAR.search("$" + name) and value:
                pass  # defining a credential locally is not reading one
            if "$(" in value or "`" in value:
                ctx.vars[name] = "\x00dynamic"
            else:
                ctx.vars[name] = value.strip("'\"")


def _dataflow(facts: Facts) -> None:
    """Judge the script as a whole: sources reaching sinks."""
    if facts.secret_source and facts.net_send:
        facts.add("net.exfil", DENY, "sends credentials or environment data to the network (source -> sink)",
                  network=True, hosts=tuple(sorted(facts.hosts)))
    if facts.net_fetch and (facts.exec_stdin or facts.exec_dynamic):
        facts.add("rce.fetch-exec", DENY, "runs code fetched from the network", network=True,
                  hosts=tuple(sorted(facts.hosts)))
    elif facts.decoder and (facts.exec_stdin or facts.exec_dynamic):
        facts.add("rce.obfuscated", DENY, "runs decoded/obfuscated text as code")
    elif facts.exec_dynamic:
        facts.add("shell.dynamic-exec", ASK, "executes code assembled at run time (eval, sh -c of a variable)")
    elif facts.exec_stdin:
        facts.add("shell.stdin-exec", ASK, "pipes text into an interpreter")
    if facts.downloaded and facts.executed & facts.downloaded:
        facts.add("rce.download-run", DENY, "downloads a file and runs it", network=True,
                  hosts=tuple(sorted(facts.hosts)))
    if facts.net_fetch and any(f.id == "fs.chmod-exec" for f in facts.findings):
        facts.add("rce.download-chmod", ASK, "downloads a file and makes it executable", network=True)
