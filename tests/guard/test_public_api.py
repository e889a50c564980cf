"""The guard's public surface and module layering."""

from __future__ import annotations

import ast
from pathlib import Path

import kairos.guard

GUARD = Path(kairos.guard.__file__).parent


def test_public_names():
    assert sorted(kairos.guard.__all__) == ["Decision", "Finding", "Policy", "decide", "load_policy",
                                            "pre_tool_use"]


def test_guard_imports_no_other_service_or_integration():
    for py in GUARD.glob("*.py"):
        tree = ast.parse(py.read_text())
        for node in ast.walk(tree):
            mods = []
            if isinstance(node, ast.ImportFrom) and node.module:
                mods = [node.module]
            elif isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            for m in mods:
                if m.startswith("kairos."):
                    assert m.split(".")[1] in ("guard", "errors", "store", "journal", "llm", "config"), (py.name, m)


def test_modules_stay_small_and_documented():
    for py in GUARD.glob("*.py"):
        text = py.read_text()
        assert len(text.splitlines()) < 800, py.name
        assert ast.get_docstring(ast.parse(text)), py.name


def test_policy_errors_are_clear(tmp_path):
    import pytest

    from kairos.errors import ConfigError
    from kairos.guard.policy import Policy, parse_rule

    for bad, msg in [("bash(ls)", "not a tool name"), ("Bash(ls", "cannot parse"), ("WebFetch(x.com)", "domain:")]:
        with pytest.raises(ConfigError, match=msg):
            parse_rule(bad)
    f = tmp_path / "guard.toml"
    for text, msg in [("[guard\n", "invalid TOML"), ("[guard]\nratchet = 'yes'\n", "must be bool"),
                      ("[rules]\nallow = 'Bash'\n", "list of strings"), ("[other]\n", "unknown section"),
                      ("[guard]\nfoo = 1\n", "unknown setting")]:
        f.write_text(text)
        with pytest.raises(ConfigError, match=msg):
            Policy().merge_file(f)
