"""Configuration: ``$KAIROS_HOME/config.toml`` overlaid by ``<project>/.kairos/config.toml``.

Environment variables win over both. Unknown keys are kept (services read their
own sections); malformed files raise ConfigError with the file and the reason.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from kairos.errors import ConfigError

__all__ = ["load_config"]


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from exc


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_config(home: Path, project_root: Path | None = None) -> dict[str, Any]:
    cfg = _read(home / "config.toml")
    if project_root is not None:
        cfg = _merge(cfg, _read(project_root / ".kairos" / "config.toml"))
    llm = dict(cfg.get("llm", {}))
    for env, key in (("KAIROS_LLM", "provider"), ("KAIROS_LLM_MODEL", "model"),
                     ("KAIROS_LLM_BASE_URL", "base_url")):
        if os.environ.get(env):
            llm[key] = os.environ[env]
    if llm:
        cfg["llm"] = llm
    return cfg
