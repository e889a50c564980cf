"""What the session says, split by trust: the provenance half of the guard.

Reads a Claude Code JSONL transcript and separates
  * trusted text -- what the user typed (user turns that are not tool results,
    not command output, not system reminders);
  * untrusted text -- tool results (files, web pages, issues, test output) and
    the agent's own words, which may repeat them.

Only trusted text can authorise an action ("delete /tmp/build", "push main")
or set a boundary ("don't push"). Untrusted text can only make the guard more
careful: injection markers and secret reads tighten the rest of the session.
It never follows an instruction found in either.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field

from kairos.guard._lazy import lazy_re
__all__ = ["MAX_TRANSCRIPT_BYTES", "Session", "TranscriptError", "read_session"]

MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024
_HEAD = 2 * 1024 * 1024
_TAIL = 6 * 1024 * 1024
_UNTRUSTED_USER_MARKERS = ("<local-command-stdout>", "<command-stdout>", "<system-reminder>", "<bash-stdout>",
                           "<bash-stderr>", "[Request interrupted", "Caveat: The messages below")
_INJECTION = lazy_re(
    r"ignore (all |any )?(the )?(previous|prior|above) (instructions|directions)|disregard (the |all )?(previous|"
    r"above|prior)|(ai|llm|coding) (assistant|agent)s?[,:]? (must|should|please|are required)|"
    r"(assistant|agent|claude|copilot)[,:]? (you must|please run|run the following|execute)|"
    r"important[:!]+\s*(you|the assistant|before|always|run|execute)|<\s*/?\s*(system|instructions?)\s*>|"
    r"new instructions?:|(run|execute) (this|the following) (command|code|snippet)|"
    r"do not (tell|inform|mention|ask) (the )?user|without (asking|telling|confirming)|"
    r"leverage the following code|recommended integration step|note to (ai|assistants|agents)", re.I)
_NEGATION = lazy_re(
    r"\b(?:don'?t|do not|never|no need to|without|avoid|shouldn'?t|must not|mustn'?t|not to|no)\s+"
    r"(?:\w+\s+){0,3}?(push|commit|deploy|publish|delete|remove|install|merge|rebase|force|reset|touch|modify|"
    r"edit|change|run|execute|upload|send|release|drop|rm|wipe|clean|overwrite|rewrite|amend|create|open|post|"
    r"comment|tag|kill|stop|restart|migrate|format|rename|move)", re.I)
_SECRET_TOOL_TEXT = lazy_re(r"-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAKIA[0-9A-Z]{16}\b|aws_secret_access_key|"
                               r"\bgh[pousr]_[A-Za-z0-9]{16,}|\bsk-[A-Za-z0-9-]{16,}|xox[baprs]-[A-Za-z0-9-]{10,}",
                               re.I)


class TranscriptError(Exception):
    """The transcript is missing, unreadable or too large to judge."""


@dataclass
class Session:
    user_texts: list[str] = field(default_factory=list)       # trusted, in order
    untrusted_texts: list[str] = field(default_factory=list)  # tool results + agent text
    tool_uses: list[dict] = field(default_factory=list)       # earlier calls: {"id","name","input","result",...}
    injection_markers: list[str] = field(default_factory=list)
    secret_seen: bool = False                                 # a credential appeared in tool output
    boundaries: list[tuple[str, str]] = field(default_factory=list)  # (verb, the sentence)
    truncated: bool = False

    @property
    def trusted(self) -> str:
        return "\n".join(self.user_texts)

    @property
    def untrusted(self) -> str:
        return "\n".join(self.untrusted_texts)

    def scan(self) -> Session:
        """Derive boundaries (from user turns) and injection markers (from tool output)."""
        self.boundaries = [(m.group(1).lower(), _sentence(t, m.start()))
                           for t in self.user_texts for m in _NEGATION.finditer(t)]
        self.injection_markers = sorted({m.group(0).lower() for m in _INJECTION.finditer(self.untrusted)})[:10]
        if any(_SECRET_TOOL_TEXT.search(t) for t in self.untrusted_texts):
            self.secret_seen = True
        return self

    @property
    def suspicious(self) -> bool:
        return bool(self.injection_markers) or self.secret_seen


def read_session(path: str | None) -> Session:
    """Parse the transcript at ``path``; raises TranscriptError when it cannot be judged."""
    if not path:
        raise TranscriptError("no transcript_path in the hook input")
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise TranscriptError(f"transcript not readable ({exc.strerror})") from exc
    if size > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError(f"transcript is {size // (1024 * 1024)} MB, over the "
                              f"{MAX_TRANSCRIPT_BYTES // (1024 * 1024)} MB the guard reads")
    s = Session()
    try:
        with open(path, "rb") as fh:
            if size <= _HEAD + _TAIL:
                data = fh.read()
            else:
                head = fh.read(_HEAD)
                fh.seek(size - _TAIL)
                data = head[:head.rfind(b"\n") + 1] + fh.read()
                s.truncated = True
    except OSError as exc:
        raise TranscriptError(f"transcript not readable ({exc.strerror})") from exc
    results: dict[str, str] = {}
    for line in data.splitlines():
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(rec, dict):
            _record(rec, s, results)
    for tu in s.tool_uses:
        tu["result"] = results.get(tu.get("id", ""))
    return s.scan()


def _record(rec: dict, s: Session, results: dict[str, str]) -> None:
    kind = rec.get("type")
    msg = rec.get("message")
    if kind not in ("user", "assistant") or not isinstance(msg, dict):
        return
    content = msg.get("content")
    trusted_turn = kind == "user" and not rec.get("isMeta") and not rec.get("isCompactSummary") and \
        not rec.get("toolUseResult") and not rec.get("isSidechain")
    if isinstance(content, str):
        _text(content, trusted_turn, s)
        return
    if not isinstance(content, list):
        return
    for block in content:
        if not isinstance(block, dict):
            continue
        bt = block.get("type")
        if bt == "text":
            _text(str(block.get("text", "")), trusted_turn, s)
        elif bt == "tool_result":
            body = _flatten(block.get("content"))
            results[str(block.get("tool_use_id", ""))] = body
            s.untrusted_texts.append(body)
        elif bt == "tool_use":
            s.tool_uses.append({"id": block.get("id"), "name": block.get("name"), "input": block.get("input")})


def _text(text: str, trusted_turn: bool, s: Session) -> None:
    if trusted_turn and not any(m in text for m in _UNTRUSTED_USER_MARKERS):
        s.user_texts.append(text)
    else:
        s.untrusted_texts.append(text)


def _flatten(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(b.get("text", "")) if isinstance(b, dict) else str(b) for b in content)
    return "" if content is None else str(content)


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1
    end_candidates = [i for i in (text.find(".", pos), text.find("\n", pos)) if i >= 0]
    end = min(end_candidates) if end_candidates else len(text)
    return text[start:end].strip()[:200]
