"""The module docstring must stay the docstring."""

from __future__ import annotations

VALUE: int = 1
