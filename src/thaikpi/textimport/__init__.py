"""Draft templates from the text extracted from an OPDC KPI template PDF (no Django).

:func:`import_text` reads the text into a :class:`Draft` with the list of what it could not
read; :func:`draft_yaml` writes the draft in the usual template format for the editor.
"""

from thaikpi.textimport.model import Draft, DraftKpi, DraftLevel, DraftRound, Problem
from thaikpi.textimport.parse import import_text

__all__ = ["Draft", "DraftKpi", "DraftLevel", "DraftRound", "Problem", "import_text"]
