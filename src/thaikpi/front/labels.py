"""Words for people: audit actions, KPI statuses, explanations and audited figures by language.

The engine and the services speak in codes ("result.save", "round 1 level 75", "scored");
the pages show these labels instead, in the active language.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from thaikpi.agencies.choices import AgencyKind
from thaikpi.engine import model as m
from thaikpi.engine.formatting import calendar_month
from thaikpi.engine.scoring import KpiScore, Status, explain
from thaikpi.engine.series import parse_month
from thaikpi.results.choices import ReviewState
from thaikpi.web.dates import month_name, thai_date

ACTIONS = {
    "result.save": _("Result saved"),
    "progress.save": _("Monthly progress saved"),
    "evidence.add": _("Evidence added"),
    "series.import": _("Monthly figures imported"),
    "scorecard.import": _("Template imported"),
    "ownership.set": _("KPI owners set"),
    "ownership.delete": _("KPI owners removed"),
    "review.submit": _("Submitted for review"),
    "review.return": _("Returned for changes"),
    "review.approve": _("Approved"),
    "review.lock": _("Locked"),
    "api_token.create": _("API token created"),
    "api_token.revoke": _("API token revoked"),
    "deadline.set": _("Due date set"),
    "deadline.monthly": _("Monthly due day set"),
    "calendar.create": _("Calendar address created"),
    "calendar.replace": _("Calendar address replaced"),
    "calendar.revoke": _("Calendar address revoked"),
    "comment.add": _("Comment posted"),
    "comment.resolve": _("Comment resolved"),
    "comment.reopen": _("Comment reopened"),
    "figure.decide": _("Decision on a figure recorded"),
    "figure.redecide": _("Decision on a figure changed"),
    "scorecard.create": _("Scorecard created"),
    "scorecard.sign": _("Scorecard signed"),
    "scorecard.agree": _("Scorecard agreed by both sides"),
    "agency.create": _("Agency added"),
    "joint.define": _("Joint KPI defined"),
}

# Keys of an audit entry's before/after for people; keys not listed (bookkeeping such as a
# version's per-round states) are left out rather than shown as code names.
_KEYS = {
    "version": _("version"),
    "reason": _("reason"),
    "revised": _("revised KPIs"),
    "side": _("signed as"),
    "due": _("due date"),
    "day": _("due day of the month"),
    "file": _("file"),
    "values": _("months per input"),
    "code": _("code"),
    "year": _("fiscal year"),
    "name_th": _("name (Thai)"),
    "name_en": _("name (English)"),
    "owner": _("owning agency"),
    "owner_kpi": _("owner's KPI"),
    "members": _("member agencies"),
    "name": _("name"),
    "parent": _("belongs to"),
    "kind": _("kind"),
    "notes": _("notes"),
    "owners": _("KPI owners"),
    "start": _("started from"),
}
_WORDS = {
    "agency": _("agency head"),
    "evaluator": _("evaluator"),
    "draft": _("draft"),
    "agreed": _("agreed"),
    "last_year": _("last year's scorecard"),
    "scratch": _("a blank scorecard"),
    **{str(kind.value): kind.label for kind in AgencyKind},
}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

STATUSES = {
    Status.SCORED: _("scored"),
    Status.NO_RESULT: _("no result"),
    Status.NOT_ASSESSED: _("not assessed"),
    Status.LEVELS_OPEN: _("levels not set yet"),
}


def language() -> str:
    """'th' or 'en': the language the page is shown in (Thai unless the user switched)."""
    return "en" if (get_language() or "th").startswith("en") else "th"


def explanation(score: KpiScore | None) -> str:
    """The engine's explanation of a score in the active language."""
    return "" if score is None else explain(score, language())


def finding(f: Any) -> str:
    """A finding's message in the active language: an engine Finding (its message), an audit
    finding (its note), a rounding habit (its sentence) or a problem of an uploaded workbook
    (where it is and what is wrong), in Thai unless the user switched."""
    return "" if f is None else str(f.text(language()))


def open_reason(level: Any) -> str:
    """Why a level (or a KPI's round) is still open, in the active language; '' when it is not."""
    return "" if level is None else str(level.open_text(language()))


def action(code: str) -> str:
    """An audit action for people ('result.save' → 'Result saved'); unknown codes as they are."""
    return str(ACTIONS.get(code, code))


def status(value: Status | str) -> str:
    """A KPI score's status for people."""
    try:
        code = Status(value)
    except ValueError:
        return str(value)
    return str(STATUSES[code])


def review_state(value: str) -> str:
    """A round's review state for people ('submitted' → 'ส่งแล้ว')."""
    try:
        state = ReviewState(value)
    except ValueError:
        return str(value)
    return str(state.label)


def _plain(value: Any) -> str:
    if isinstance(value, dict):
        # {"pillars": {item: level}} reads as the item levels; the outer key says nothing.
        return ", ".join(
            _plain(v) if isinstance(v, dict) else f"{k} = {_plain(v)}" for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return "–" if value is None or value == "" else str(value)


def _word(value: Any) -> str:
    """One stored value for people: a date in the page's calendar, a known code as a word."""
    if isinstance(value, str) and _ISO_DAY.match(value):
        try:
            return thai_date(datetime.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, str) and value in _WORDS:
        return str(_WORDS[value])
    return _plain(value)


def _labelled(values: dict[str, Any], kpi: m.Kpi | None) -> str:
    """Known keys by their names, inputs by theirs, values in words; bookkeeping left out."""
    inputs = {i.id: i.name.get(language()) for i in kpi.inputs} if kpi is not None else {}
    parts = []
    for key, value in values.items():
        if key not in _KEYS or value is None or value == "" or value == []:
            continue
        if isinstance(value, dict):
            shown = ", ".join(f"{inputs.get(k) or k} = {_word(v)}" for k, v in value.items())
        elif isinstance(value, list | tuple):
            shown = ", ".join(_word(v) for v in value)
        else:
            shown = _word(value)
        parts.append(f"{_KEYS[key]}: {shown}")
    return ", ".join(parts) if parts else "–"


def change(values: Any, kpi: m.Kpi | None = None) -> str:
    """An audit entry's before/after for people: the result as typed (inputs by their names
    when the entry's ``kpi`` is known), a state, or its fields by name (dates in the page's
    calendar, codes as words)."""
    if values is None or values == "":
        return ""
    if not isinstance(values, dict):
        return _word(values)
    if "raw" in values:
        text = as_entered(values["raw"], kpi)
        note = values.get("note")
        return f"{text} · {note}" if note else text
    if set(values) == {"value"}:
        return _plain(values["value"])
    if set(values) == {"name", "size"}:  # an evidence file: its name says it all
        return _plain(values["name"])
    if {"name", "first", "last"} <= set(values):  # a monthly sheet: its name and months
        n = max((values.get("values") or {}).values(), default=0)
        return f"{_plain(values['name'])} · {months_span(values['first'], values['last'], n)}"
    if "choice" in values:  # a decision on a mismatched figure
        return _decision(values)
    if "state" in values:
        from thaikpi.results.choices import ReviewState

        try:
            text = str(ReviewState(values["state"]).label)
        except ValueError:
            text = _word(values["state"])
        comment = values.get("comment")
        return f"{text} · {comment}" if comment else text
    return _labelled(values, kpi)


def sheet_months(kept: Any) -> str:
    """A monthly sheet's months for people: 'ต.ค. 2561 – มี.ค. 2567 (66 เดือน)'."""
    return months_span(kept.first, kept.last, max(kept.values.values(), default=0))


def months_span(first: str, last: str, n: int) -> str:
    """'ต.ค. 2561 – มี.ค. 2567 (66 เดือน)' from months kept as '2561-10' (B.E.)."""
    language = get_language() or "th"
    try:
        shown = [parse_month(key).label(language) for key in (first, last)]
    except ValueError:
        shown = [first or "–", last or "–"]
    return ngettext(
        "%(first)s – %(last)s (%(n)s month)", "%(first)s – %(last)s (%(n)s months)", n
    ) % {"first": shown[0], "last": shown[1], "n": n}


def _decision(values: dict[str, Any]) -> str:
    """'Keep the stated figure (1.18; recomputed 1.05) · reason', in the page's language."""
    from thaikpi.results.choices import FigureChoice

    try:
        chosen = str(FigureChoice(values["choice"]).label)
    except ValueError:
        chosen = str(values["choice"])
    figures = str(_("stated {stated}; recomputed {recomputed}")).format(
        stated=values.get("stated", "–"), recomputed=values.get("recomputed", "–")
    )
    reason = values.get("reason")
    return f"{chosen} ({figures}) · {reason}" if reason else f"{chosen} ({figures})"


_STAT = {
    "mean": _("Mean of {column}, {first}–{last}"),
    "best": _("Best of {column}, {first}–{last}"),
    "worst": _("Worst of {column}, {first}–{last}"),
}
_FIGURES = (
    (re.compile(r"^round (\d+) level (\d+)$"), "level"),
    (re.compile(r"^baseline (\d{4}) (\S+)$"), "baseline"),
    (re.compile(r"^(\w+) (\S+) (\d{4})–(\d{4})$"), "summary"),
)


def _column(kpi: m.Kpi | None, column_id: str) -> str:
    """A baseline column's name in the active language, else its id."""
    column = kpi.baseline.column(column_id) if kpi and kpi.baseline else None
    if column is None or column.name is None:
        return column_id
    return column.name.get(language()) or column_id


def figure(text: str, kpi: m.Kpi | None = None) -> str:
    """An audited figure's name for people: 'round 1 level 75' → 'รอบที่ 1 · ค่าเป้าหมาย 75'."""
    for pattern, kind in _FIGURES:
        found = pattern.match(text)
        if not found:
            continue
        if kind == "level":
            return str(_("Round {round} · level {score}")).format(round=found[1], score=found[2])
        if kind == "baseline":
            return str(_("Baseline {year} · {column}")).format(
                year=found[1], column=_column(kpi, found[2])
            )
        stat = _STAT.get(found[1])
        if stat is None:
            return text
        return str(stat).format(column=_column(kpi, found[2]), first=found[3], last=found[4])
    return text


def audit_figure(finding: Any, scorecard: m.Scorecard | None = None) -> str:
    """An engine audit finding's figure name, with the KPI's baseline column names."""
    kpi = scorecard.kpi(finding.kpi) if scorecard is not None and finding.kpi else None
    return figure(finding.figure, kpi)


_SUBJECTS = (
    (re.compile(r" KPI (\S+) round (\d+) level (\d+)$"), _("KPI {0} · round {1} · level {2}")),
    (re.compile(r" KPI (\S+): monthly by day (\d+)$"), _("KPI {0} · monthly by day {1}")),
    (re.compile(r" round (\d+) \*: \S+$"), _("Round {0} · due date")),
    (re.compile(r" round (\d+) (\S+): \S+$"), _("KPI {1} · round {0} · due date")),
    (re.compile(r" v(\d+) (?:agency|evaluator) \S+$"), _("Version {0} · signature")),
    (re.compile(r" KPI (\S+) round (\d+)$"), _("KPI {0} · round {1}")),
    (re.compile(r" KPI (\S+) month (\d+)$"), _("KPI {0} · progress, {1}")),
    (re.compile(r" KPI (\S+)$"), _("KPI {0}")),
    (re.compile(r" round (\d+): \w+$"), _("Round {0}")),
    (re.compile(r" v(\d+)$"), _("Version {0}")),
)


def subject(entry: Any) -> str:
    """What an audit entry changed, for people: 'KPI 3 · round 1' rather than the stored repr."""
    text = entry.object_repr
    if entry.object_type == "results.evidence":
        return str(_("KPI {0} · evidence {1}")).format(entry.kpi_id, text)
    if entry.object_type == "results.seriesfile":
        return str(_("KPI {0} · monthly sheet {1}")).format(entry.kpi_id, text)
    for pattern, label in _SUBJECTS:
        found = pattern.search(text)
        if found:
            parts = list(found.groups())
            if entry.object_type == "results.monthlyprogress":
                parts[1] = month_name(calendar_month(int(parts[1])))
            return str(label).format(*parts)
    return text


def as_entered(raw: Any, kpi: m.Kpi | None = None, round_no: int | None = None) -> str:
    """A stored result for people, inputs and items in the template's order (a JSON column
    may give its keys back in another order) and by their names in the page's language:
    '12.5', 'มูลค่าการค้า = 98000, งบประมาณ = 310', 'Pillar A = 3, …'."""
    if not isinstance(raw, dict) or kpi is None:
        return _plain(raw)
    kpi_rounds = [kpi.round(round_no)] if round_no is not None else list(kpi.rounds.values())
    items = [t for r in kpi_rounds if r is not None for t in r.measure.items]
    lang = get_language() or "th"
    names = {i.id: i.name.get(lang) for i in kpi.inputs} | {
        t.en or t.th: t.get(lang) for t in items
    }
    rank = {name: i for i, name in enumerate(names)}

    def shown(values: dict[str, Any]) -> dict[str, Any]:
        ordered = sorted(values.items(), key=lambda kv: rank.get(kv[0], len(rank)))
        return {names.get(k) or k: v for k, v in ordered}

    return _plain({k: shown(v) if isinstance(v, dict) else v for k, v in shown(raw).items()})


def revision_times(times: int) -> str:
    """How often a KPI's targets may be revised: 'may be revised 1 time' ('ปรับได้ 1 ครั้ง')."""
    return ngettext("may be revised %(times)s time", "may be revised %(times)s times", times) % {
        "times": times
    }


def round_label(number: int) -> str:
    """'round 2' ('รอบ 2') for links and buttons."""
    return _("round %(n)s") % {"n": number}


def showing(first: int, last: int, total: int) -> str:
    """Where a page of a list is: 'Showing 51–100 of 2,000 scorecards' ('แสดงรายการที่ …')."""
    words = ngettext(
        "Showing %(first)s–%(last)s of %(total)s scorecard",
        "Showing %(first)s–%(last)s of %(total)s scorecards",
        total,
    )
    return _placed(words, first, last, total)


def showing_rounds(first: int, last: int, total: int) -> str:
    """Where a page of the review queue is: 'Showing 21–40 of 100 rounds'; '' when empty."""
    words = ngettext(
        "Showing %(first)s–%(last)s of %(total)s round",
        "Showing %(first)s–%(last)s of %(total)s rounds",
        total,
    )
    return _placed(words, first, last, total) if total else ""


def showing_agencies(first: int, last: int, total: int) -> str:
    """Where a page of the comparison is: 'Showing 1–20 of 150 agencies'; '' when empty."""
    words = ngettext(
        "Showing %(first)s–%(last)s of %(total)s agency",
        "Showing %(first)s–%(last)s of %(total)s agencies",
        total,
    )
    return _placed(words, first, last, total) if total else ""


def _placed(words: str, first: int, last: int, total: int) -> str:
    return words % {"first": f"{first:,}", "last": f"{last:,}", "total": f"{total:,}"}
