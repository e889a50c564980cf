"""kairos: memory and context infrastructure for AI coding agents."""

from kairos.api import Kairos
from kairos.errors import KairosError

__all__ = ["Kairos", "KairosError"]
__version__ = "0.1.0"
