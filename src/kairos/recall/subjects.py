"""The values a statement names (kept here for callers; the code lives in ``kairos.index.subjects``)."""

from kairos.index.subjects import names_a_value, values

__all__ = ["names_a_value", "values"]
