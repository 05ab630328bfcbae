"""Enumerations of the results app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    """A round's review state: draft → submitted → returned | approved → locked."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")
    LOCKED = "locked", _("Locked")


# States in which the agency may still change results.
OPEN_STATES = frozenset({ReviewState.DRAFT, ReviewState.RETURNED})


class ReviewAction(models.TextChoices):
    """What can be done to a round's review state."""

    SUBMIT = "submit", _("Submit for review")
    RETURN = "return", _("Return for changes")
    APPROVE = "approve", _("Approve")
    LOCK = "lock", _("Lock")


class FigureChoice(models.TextChoices):
    """Which of a mismatched level's figures the scoring follows (engine.decisions.Choice)."""

    STATED = "stated", _("Keep the stated figure")
    RECOMPUTED = "recomputed", _("Use the recomputed figure")
