"""Import layering and public surface, checked with ast (basic-memory and httpx ideas).

Rules: the journal imports nothing of kairos but errors and fsutil; services
import the journal and the shared base, never the integrations or the CLI; the
hook module imports nothing heavy at module level.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import kairos

SRC = Path(kairos.__file__).parent
BASE = {"kairos.errors", "kairos.fsutil"}
SERVICES = ("journal", "memory", "index", "recall", "dream", "compact", "guard", "embed", "llm")


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m.startswith("kairos")}


def _pkg(mod: str) -> str:
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_journal_imports_nothing_of_kairos() -> None:
    for f in (SRC / "journal").rglob("*.py"):
        bad = {m for m in _imports(f) if not m.startswith("kairos.journal") and m not in BASE}
        assert not bad, f"{f.name} imports {bad}"


def test_services_never_import_integrations_or_cli() -> None:
    for svc in SERVICES:
        d = SRC / svc
        if not d.is_dir():
            continue
        for f in d.rglob("*.py"):
            bad = {m for m in _imports(f) if _pkg(m) in ("integrations", "cli")}
            assert not bad, f"{svc}/{f.name} imports {bad}"


def test_public_names() -> None:
    assert sorted(kairos.__all__) == ["Kairos", "KairosError"]
    import kairos.journal as j
    import kairos.memory as m

    for mod in (j, m):
        for name in mod.__all__:
            assert hasattr(mod, name), f"{mod.__name__}.{name}"


def test_hook_path_stays_light() -> None:
    code = ("import sys, kairos.integrations.claude_code.hook as h; "
            "heavy = [m for m in ('click', 'rich', 'numpy', 'torch', 'sentence_transformers', 'anthropic', "
            "'openai', 'mcp') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
