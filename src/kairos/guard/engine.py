"""The decision pipeline: rules -> analysis -> provenance -> ratchet -> (LLM) -> decision.

    1. explicit policy rules (deny, then ask, then allow);
    2. deterministic analysis of the call (shell, paths, code, network);
    3. provenance: only user turns authorise an action or set a boundary;
       targets that appear only in tool output authorise nothing;
    4. the ratchet: shapes the user approved before in this project may pass;
       a suspicious session (injection markers, secrets in tool output) tightens;
    5. optional LLM review of what is merely uncertain, given only trusted text.

The engine never raises for bad input; anything it cannot judge becomes "ask".
It must never turn a failure into "allow".
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

from kairos.guard.analysis import Facts, ShellAnalyzer
from kairos.guard.code import analyze_code
from kairos.guard.findings import ASK, DENY, LEVEL_NAMES, LOCAL, REQUEST, Decision, Finding
from kairos.guard.paths import Paths
from kairos.guard.policy import Policy
from kairos.guard.session import Session

__all__ = ["Call", "Engine"]

_READ_TOOLS = {"Read", "Grep", "Glob", "LS", "NotebookRead"}
_WRITE_TOOLS = {"Write", "Edit", "MultiEdit", "NotebookEdit"}
_KAIROS_MCP_READ = {"search", "read", "history", "expand"}  # read-only on the local store
_HARMLESS_TOOLS = {"TodoWrite", "Task", "ExitPlanMode", "WebSearch", "BashOutput", "KillShell", "TodoRead",
                   "ListMcpResourcesTool", "ReadMcpResourceTool", "SlashCommand", "AskUserQuestion"}
_CODE_EXT = (".py", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".rb", ".pl", ".php", ".sh", ".bash", ".zsh",
             ".go", ".rs", ".java", ".kt", ".swift", ".c", ".cc", ".cpp", ".h", ".lua", ".ps1", ".yml", ".yaml",
             ".toml", ".json", ".cfg", ".ini", ".mk", "Makefile", "Dockerfile", ".txt", ".md")
_MAX_INPUT = 2_000_000


@dataclass(frozen=True)
class Call:
    """The adapter's view of a PreToolUse payload."""

    tool: str
    input: dict[str, Any]
    cwd: str
    session_id: str = ""
    tool_use_id: str = ""
    transcript_path: str | None = None
    permission_mode: str = "default"

    @classmethod
    def from_payload(cls, p: dict[str, Any]) -> Call:
        ti = p.get("tool_input")
        if not isinstance(ti, dict):
            raise ValueError("tool_input is not an object")
        cwd = p.get("cwd")
        if not isinstance(cwd, str) or not cwd:
            cwd = os.getcwd()
        return cls(tool=str(p.get("tool_name") or ""), input=ti, cwd=cwd, session_id=str(p.get("session_id") or ""),
                   tool_use_id=str(p.get("tool_use_id") or ""),
                   transcript_path=p.get("transcript_path") if isinstance(p.get("transcript_path"), str) else None,
                   permission_mode=str(p.get("permission_mode") or "default"))

    def digest(self) -> str:
        blob = json.dumps({"tool": self.tool, "input": self.input}, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(blob.encode("utf-8", "replace")).hexdigest()[:16]


@dataclass
class Analysis:
    findings: list[Finding] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)       # simple commands, for per-part rule matching
    words: set[str] = field(default_factory=set)         # program/subcommand words (boundary checks)
    content: str = ""                                    # text the call would write or run


class Engine:
    """Decides one call. Cheap to construct; holds no open resources."""

    def __init__(self, root: str, home: str, policy: Policy, approvals: dict[str, Any] | None = None):
        self.root = os.path.realpath(root)
        self.home = home
        self.policy = policy
        self.approvals = approvals or {}

    # ------------------------------------------------------------------ pipeline
    def decide(self, call: Call, session: Session | None) -> Decision:
        paths = Paths(self.root, call.cwd, self.home)
        an = self.analyze(call, paths)
        ruled = self.policy.first_match(call.tool, call.input, parts=an.parts, root=self.root, home=self.home)
        shape = self.shape(call, an.findings)
        if ruled and not (ruled[0] == "allow" and any(f.level >= DENY for f in an.findings)):
            kind, rule = ruled
            return Decision(kind, f"policy rule {rule.text} ({rule.source})", rule=f"{kind}:{rule.text}",
                            findings=an.findings, stage="rules", shape=shape)
        if session is None:
            session = Session()
        return self._judge(call, an, session, shape)

    def _judge(self, call: Call, an: Analysis, s: Session, shape: str) -> Decision:
        fs = an.findings
        deny = [f for f in fs if f.level >= DENY]
        if deny:
            return Decision("deny", deny[0].reason, rule=deny[0].id, findings=fs, shape=shape)
        # provenance: content or targets that come only from tool output
        prov = self._provenance(call, an, s)
        if prov is not None:
            return Decision("deny", prov.reason, rule=prov.id, findings=fs + [prov], stage="provenance", shape=shape)
        bound = self._boundary(call, an, s)
        if bound is not None:
            return Decision("deny", bound.reason, rule=bound.id, findings=fs + [bound], stage="provenance",
                            shape=shape)
        asks = [f for f in fs if f.level == ASK]
        if asks:
            return Decision("ask", asks[0].reason, rule=asks[0].id, findings=fs, shape=shape)
        if s.suspicious:
            tight = [f for f in fs if f.network or f.id.startswith(("code.", "pkg.", "run.temp", "build.publish"))]
            if tight:
                why = "injection markers in tool output" if s.injection_markers else "a secret appeared in tool output"
                return Decision("ask", f"{tight[0].reason}; session tightened ({why})", rule="ratchet.tighten",
                                findings=fs, stage="ratchet", shape=shape)
        needs = [f for f in fs if f.level == REQUEST]
        unmet = []
        quotes = []
        for f in needs:
            q = None if self.policy.mode == "strict" else _authorised(f, s)
            if q is None:
                unmet.append(f)
            else:
                quotes.append(q)
        if unmet:
            if self.policy.mode != "strict" and self.policy.ratchet and not s.suspicious and \
                    self.approvals.get(shape, {}).get("count", 0) >= 1:
                return Decision("allow", f"same shape approved before in this project ({unmet[0].reason})",
                                rule="ratchet.approved", findings=fs, stage="ratchet", shape=shape)
            f = unmet[0]
            return Decision("ask", f"{f.reason}; not requested in a user turn", rule=f.id, findings=fs, shape=shape)
        if needs:
            return Decision("allow", f"{needs[0].reason}; the user asked: \"{quotes[0][:120]}\"",
                            rule=needs[0].id, findings=fs, stage="provenance", shape=shape)
        routine = [f for f in fs if f.level == LOCAL]
        why = routine[0].reason if routine else "read-only"
        return Decision("allow", f"routine: {why}", rule=routine[0].id if routine else "safe", findings=fs,
                        shape=shape)

    # ------------------------------------------------------------------ analysis per tool
    def analyze(self, call: Call, paths: Paths) -> Analysis:
        a = Analysis()
        ti = call.input
        size = len(json.dumps(ti, default=str)) if ti else 0
        if size > _MAX_INPUT:
            a.findings.append(Finding("input.too-large", ASK, f"tool input is {size} bytes; too large to judge"))
            return a
        tool = call.tool
        if tool == "Bash":
            cmd = ti.get("command")
            if not isinstance(cmd, str):
                a.findings.append(Finding("input.bad-command", ASK, "Bash call without a command string"))
                return a
            facts: Facts = ShellAnalyzer(paths).analyze(cmd)
            a.findings.extend(facts.findings)
            a.content = cmd
            a.parts, a.words = _parts_and_words(cmd)
            return a
        if tool in _READ_TOOLS:
            p = ti.get("file_path") or ti.get("path") or ti.get("notebook_path") or "."
            if not isinstance(p, str):
                a.findings.append(Finding("input.bad-path", ASK, f"{tool} call without a path string"))
                return a
            info = paths.info(p)
            if info.secret:
                a.findings.append(Finding("secret.read", ASK, f"{tool} of a credential file ({p})"))
            elif tool == "Grep" and isinstance(ti.get("pattern"), str) and not (info.in_project or info.in_temp):
                a.findings.append(Finding("read.outside", LOCAL, f"searches outside the project ({p})"))
            return a
        if tool in _WRITE_TOOLS:
            return self._file_write(call, paths, a)
        if tool == "WebFetch":
            from urllib.parse import unquote, urlsplit

            url = ti.get("url")
            if not isinstance(url, str) or not url.startswith(("http://", "https://")):
                a.findings.append(Finding("input.bad-url", ASK, "WebFetch without an http(s) URL"))
                return a
            host = (urlsplit(url).hostname or "").lower()
            q = unquote(urlsplit(url).query + urlsplit(url).path)
            if re.search(r"://[^/\s:@]+:[^/\s@]+@|password|passwd|secret|token=|api[_-]?key=|sk-[A-Za-z0-9]|"
                         r"AKIA[0-9A-Z]{12}", q, re.I):
                a.findings.append(Finding("net.exfil-url", DENY, f"WebFetch URL carries credentials to {host}",
                                          hosts=(host,), network=True))
            else:
                a.findings.append(Finding("net.fetch", LOCAL, f"fetches {host}", hosts=(host,), network=True))
            a.content = url
            return a
        if tool in _HARMLESS_TOOLS:
            return a
        if tool.startswith("mcp__kairos__"):
            return self._kairos_mcp(tool.removeprefix("mcp__kairos__"), call, a)
        if tool.startswith("mcp__"):
            a.findings.append(Finding("mcp.tool", ASK, f"MCP tool {tool} is not judged by the guard"))
            return a
        a.findings.append(Finding("tool.unknown", ASK, f"unknown tool {tool!r}"))
        return a

    @staticmethod
    def _kairos_mcp(name: str, call: Call, a: Analysis) -> Analysis:
        """kairos' own MCP tools: reading memory is routine; writing user/feedback memory or
        forgetting is the user's call (tool output must never become such a memory by itself)."""
        if name in _KAIROS_MCP_READ:
            return a
        if name == "remember":
            kind = str(call.input.get("type") or "project")
            if kind in ("project", "reference"):
                a.findings.append(Finding("mcp.kairos.remember", LOCAL, f"remembers a {kind} fact (journaled)"))
            else:
                a.findings.append(Finding("mcp.kairos.remember-private", REQUEST,
                                          f"writes a {kind} memory, which only the user may ask for",
                                          intents=("remember", "note", "save", "keep in mind")))
            return a
        if name == "forget":
            key = str(call.input.get("key") or "")
            a.findings.append(Finding("mcp.kairos.forget", REQUEST, f"forgets memory {key!r} (a tombstone)",
                                      intents=("forget", "remove", "delete", "drop"),
                                      targets=tuple(w for w in re.split(r"[^a-z0-9]+", key.lower()) if len(w) > 2)))
            return a
        a.findings.append(Finding("mcp.tool", ASK, f"kairos MCP tool {name!r} is unknown to the guard"))
        return a

    def _file_write(self, call: Call, paths: Paths, a: Analysis) -> Analysis:
        ti = call.input
        p = ti.get("file_path") or ti.get("notebook_path")
        if not isinstance(p, str) or not p:
            a.findings.append(Finding("input.bad-path", ASK, f"{call.tool} call without a file path"))
            return a
        texts = [ti.get("content"), ti.get("new_string"), ti.get("new_source")]
        for e in ti.get("edits") or []:
            if isinstance(e, dict):
                texts.append(e.get("new_string"))
        content = "\n".join(t for t in texts if isinstance(t, str))
        if "\x00" in content:
            a.findings.append(Finding("input.binary", ASK, f"{call.tool} content is binary"))
            return a
        a.content = content
        info = paths.info(p)
        from kairos.guard.analysis import Ctx

        facts = Facts()
        Ctx(paths, facts).write(p, what=call.tool.lower() + "s")
        a.findings.extend(facts.findings)
        if info.in_project and not info.git_internal:
            a.findings.append(Finding("fs.edit", LOCAL, f"{call.tool} {os.path.relpath(info.path, self.root)}",
                                      intents=("edit", "write", "change", "modify", "update", "touch"),
                                      targets=(os.path.basename(info.path),)))
        if p.endswith(_CODE_EXT) or os.path.basename(p) in ("Makefile", "Dockerfile"):
            a.findings.extend(analyze_code(content, running=False))
        return a

    # ------------------------------------------------------------------ provenance
    def _provenance(self, call: Call, an: Analysis, s: Session) -> Finding | None:
        risky = [f for f in an.findings if f.level >= REQUEST or (f.level >= LOCAL and f.id.startswith("code."))]
        if not risky or not s.untrusted_texts:
            return None
        trusted = s.trusted.lower()
        untrusted = s.untrusted.lower()
        for f in an.findings:
            for h in f.hosts:
                h = h.lower()
                if h and h in untrusted and h not in trusted and f.level >= REQUEST:
                    return Finding("prov.untrusted-target", DENY, f"{f.reason}, but the host {h} appears only in "
                                   "tool output; text from tools cannot authorise actions")
        if _copied(an.content, untrusted, trusted):
            return Finding("prov.from-tool-output", DENY, f"{risky[0].reason}; the {call.tool} content repeats "
                           "text from tool output that the user never asked for (possible prompt injection)")
        return None

    def _boundary(self, call: Call, an: Analysis, s: Session) -> Finding | None:
        if not s.boundaries:
            return None
        verbs = set(an.words)
        for f in an.findings:
            if f.level >= REQUEST or f.id in ("fs.edit",):
                verbs.update(i.split()[0] for i in f.intents)
        for verb, sentence in s.boundaries:
            v = verb.rstrip("e") if len(verb) > 4 else verb
            if any(w == verb or (len(verb) > 4 and w.startswith(v)) for w in verbs):
                if call.tool in _WRITE_TOOLS:
                    base = os.path.basename(str(call.input.get("file_path", ""))).lower()
                    if not base or base not in sentence.lower():
                        continue
                return Finding("prov.boundary", DENY, f"the user set a boundary: \"{sentence}\"")
        return None

    # ------------------------------------------------------------------ ratchet shape
    def shape(self, call: Call, findings: list[Finding]) -> str:
        keyed = sorted({f"{f.id}:{','.join(sorted(t.lower() for t in f.targets))}" for f in findings
                        if f.level == REQUEST})
        basis = json.dumps([call.tool, keyed])
        return hashlib.sha256(basis.encode()).hexdigest()[:16] if keyed else ""


def _authorised(f: Finding, s: Session) -> str | None:
    """The user sentence that asks for ``f``, if any (latest first)."""
    for text in reversed(s.user_texts):
        low = text.lower()
        if not any(_has_verb(low, v) for v in f.intents):
            continue
        if f.targets and not any(_has_target(low, t) for t in f.targets):
            continue
        return " ".join(text.split())
    return None


def _has_verb(text: str, verb: str) -> bool:
    v = verb.lower()
    stem = v[:-1] if len(v) > 4 and v.endswith("e") else v
    return re.search(r"(?<![a-z0-9])" + re.escape(stem) + r"[a-z]*", text) is not None


def _has_target(text: str, target: str) -> bool:
    t = target.lower().strip().rstrip("/")
    if len(t) < 2 or t in (".", "..", "x", "*"):
        return False
    return re.search(r"(?<![a-z0-9_])" + re.escape(t) + r"(?![a-z0-9_])", text) is not None


def _copied(content: str, untrusted: str, trusted: str) -> bool:
    """Does ``content`` substantially repeat tool output (and not the user's own words)?"""
    if not content:
        return False
    lines = [" ".join(ln.split()).lower() for ln in content.splitlines()]
    lines = [ln for ln in lines if len(ln) >= 16 and not ln.startswith(("import ", "from ", "#", "//"))]
    flat_untrusted = " ".join(untrusted.split())
    flat_trusted = " ".join(trusted.split())
    if not lines:
        c = " ".join(content.split()).lower()
        return len(c) >= 8 and c in flat_untrusted and c not in flat_trusted
    hits = [ln for ln in lines if ln in flat_untrusted and ln not in flat_trusted]
    return len(hits) >= max(1, len(lines) // 3)


def _parts_and_words(cmd: str) -> tuple[list[str], set[str]]:
    from kairos.guard.shell import ShellParseError, parse

    try:
        script = parse(cmd)
    except ShellParseError:
        return [], set()
    parts, words = [], set()
    for c in script.commands:
        if c.argv:
            parts.append(" ".join(c.argv))
            for w in c.argv[:3]:
                if not w.startswith("-"):
                    words.add(os.path.basename(w).lower())
    return parts, words


_ = LEVEL_NAMES
