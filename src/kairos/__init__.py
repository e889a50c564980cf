"""kairos: memory and context infrastructure for AI coding agents.

``from kairos import Kairos`` is the entry point. The import is lazy so that
``kairos hook`` and other light paths do not pay for the whole package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kairos.errors import KairosError

if TYPE_CHECKING:
    from kairos.api import Kairos

__all__ = ["Kairos", "KairosError"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Kairos":
        from kairos.api import Kairos

        return Kairos
    raise AttributeError(f"module 'kairos' has no attribute {name!r}")
