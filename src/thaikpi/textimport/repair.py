"""The one place the text import takes its Thai repair from.

The PDF text repair is moving out of the engine; when it does, only this import changes.
"""

from thaikpi.engine.thai import repair_thai

__all__ = ["repair_thai"]
