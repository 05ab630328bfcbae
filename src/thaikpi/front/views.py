"""Thin views: read the request, ask permissions, call services, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thaikpi.changelog.models import AuditLog
from thaikpi.engine import model as m
from thaikpi.engine.formatting import calendar_month
from thaikpi.front import agencies, agreement, charts_for, discussions, labels, review_pages, tables
from thaikpi.front.decisions import DecisionForm
from thaikpi.front.forms import ImportForm, OwnerForm, ProgressForm, ResultForm, ReviewForm
from thaikpi.results.choices import ReviewState
from thaikpi.results.models import Evidence, Result, RoundReview
from thaikpi.scorecards import permissions
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import (
    dashboard,
    decisions,
    engine,
    imports,
    joint,
    lists,
    ownership,
    results,
    reviews,
    rounds,
    series,
    versions,
)
from thaikpi.services.errors import Conflict, DomainError, Invalid, NotAllowed
from thaikpi.web.dates import fiscal_year_label, month_name


def _round(request: HttpRequest, sc: m.Scorecard, scorecard: Scorecard) -> int:
    """The round asked for in ?round=; by default (or for a bad value) the latest with results."""
    numbers = [r.number for r in sc.rounds]
    asked = lists.whole(request.GET.get("round"), 0)
    return asked if asked in numbers else dashboard.latest_round(scorecard, numbers)


def _review(scorecard: Scorecard, round_no: int) -> RoundReview:
    """The round's review row; 404 for a round the template does not have."""
    try:
        return rounds.review_of(scorecard, round_no)
    except Invalid:
        raise Http404("no such round") from None


def _year_label(scorecard: Scorecard) -> str:
    fy = scorecard.fiscal_year
    return fiscal_year_label(fy.year_be, fy.starts, fy.ends)


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: the app answers (no database, no login)."""
    return HttpResponse("ok", content_type="text/plain")


def home(request: HttpRequest) -> HttpResponse:
    """Logged out: the landing page with the log-in form. Logged in: my scorecards.

    An evaluator sees every agency (some 2,000 scorecards nationally): filters by year, agency
    and review state, 50 a page (services.lists.home_list).
    """
    if not request.user.is_authenticated:
        return render(request, "front/landing.html", {"form": AuthenticationForm(request)})
    found = lists.home_list(request.user, request.GET)
    page, f = found.page, found.filters
    a_card_of = {c.fiscal_year_id: c for c, _states in found.rows}  # ≤ 10 years on a page
    year_labels = {year: _year_label(c) for year, c in a_card_of.items()}
    total = page.paginator.count
    ctx = {
        "rows": [(c, year_labels[c.fiscal_year_id], states) for c, states in found.rows],
        "visible": found.visible,
        "tools": found.tools,
        "filters": f,
        "years": found.years,
        "states": ReviewState.choices,
        "rounds": lists.HOME_ROUNDS,
        "page": page,
        "page_links": found.links(),
        "prev_href": f.href(page.number - 1) if page.has_previous() else None,
        "next_href": f.href(page.number + 1) if page.has_next() else None,
        "showing": labels.showing(page.start_index(), page.end_index(), total) if total else "",
    }
    return render(request, "front/home.html", ctx)


@login_required
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    """One agency's scorecard in one round: the executive's screen."""
    user = request.user
    scorecard = permissions.scorecard_for(user, pk)
    round_no = _round(request, engine.current(scorecard), scorecard)
    review = _review(scorecard, round_no)
    version = engine.version_of_review(scorecard, review)  # closed: the one it was under
    scored = engine.score(scorecard, round_no, version=version)
    sc = scored.engine  # with the planner's decisions on mismatches
    ctx = {
        "scorecard": scorecard,
        "sc": sc,
        "scored": scored,
        "round_no": round_no,
        "rounds": [(r.number, tables.text(r.name)) for r in sc.rounds],
        "groups": tables.overview(scored, tables.owners(scorecard)),
        "review": review,
        "actions": (actions := reviews.actions_for(user, scorecard, review.state)),
        "editable": results.editable_kpis(user, scorecard, review),
        "years": permissions.agency_years(user, scorecard),
        "year_label": _year_label(scorecard),
        "chart": charts_for.kpi_scores(scored),
        "colours": dashboard.colour_counts(scored.round, sc.scale),
        "differs": decisions.shown_differing(engine.parsed(version), sc, round_no),
        "can_manage_owners": permissions.can_manage_owners(user, scorecard),
    }
    ctx |= discussions.overview_context(user, scorecard, review)
    ctx |= review_pages.confirmation(request, scorecard, round_no, actions)
    ctx |= agreement.agreement_context(user, scorecard)
    return render(request, "front/overview.html", ctx)


def _kpi(scorecard: Scorecard, kpi_id: str) -> m.Kpi:
    kpi = engine.current(scorecard).kpi(kpi_id)
    if kpi is None:
        raise Http404("no such KPI")
    return kpi


@login_required
def kpi_page(request: HttpRequest, pk: int, kpi_id: str) -> HttpResponse:
    """Everything about one KPI: definition, charts, score, audit findings, history, evidence."""
    scorecard = permissions.scorecard_for(request.user, pk)
    _kpi(scorecard, kpi_id)
    round_no = _round(request, engine.current(scorecard), scorecard)
    review = _review(scorecard, round_no)
    version = engine.version_of_review(scorecard, review)
    scored = engine.score(scorecard, round_no, version=version)
    sc = scored.engine  # a closed round's KPI as defined in the version it was scored with
    kpi = sc.kpi(kpi_id)
    if kpi is None:
        raise Http404("no such KPI in the version this round was scored with")
    marks = decisions.marks(scorecard, version, kpi_id, round_no)
    progress = results.monthly_progress(scorecard, kpi_id)
    actual = scored.kpi(kpi_id).actual
    sc_round = sc.round(round_no)
    marked = (round_no, sc_round.months, actual) if actual is not None and sc_round else None
    months = [(i, month_name(calendar_month(i))) for i in range(1, 13)]
    source = scored.shared.get(kpi_id)
    ctx = {
        "scorecard": scorecard,
        "sc": sc,
        "kpi": kpi,
        "t": tables.text,
        "round_no": round_no,
        "rounds": [(r.number, tables.text(r.name)) for r in sc.rounds],
        "kr": kpi.round(round_no),
        "score": scored.kpi(kpi_id),
        "scored_with": scored.version,
        "entered": None if source else results.stored_result(scorecard, kpi_id, round_no),
        "review": review,
        "can_edit": kpi_id in results.editable_kpis(request.user, scorecard, review),
        "baseline_svg": charts_for.baseline(kpi, round_no, sc.scale, actual),
        "progress_svg": charts_for.progress(kpi, months, progress, sc.scale, marked),
        "findings": engine.audit_findings(engine.parsed(version), kpi_id),  # as the template states
        "marks": marks,
        "can_decide": review.is_open and decisions.can_decide(request.user, scorecard),
        "decision_forms": {s: DecisionForm(auto_id=f"decide-{s}-%s") for s in marks},
        "outlook": series.outlook(scorecard, kpi_id, get_language() or "th"),
        "takes_months": series.takes_months(kpi),
        "history": results.kpi_history(scorecard, kpi_id),
        # A member's joint KPI: the owner's files, read only (rounds the owner has sent).
        "evidence": joint.owner_evidence(source)
        if source
        else results.kpi_evidence(scorecard, kpi_id),
        "series_files": series.series_files(scorecard, kpi_id),
        "progress_form": ProgressForm(months=months),
        "may_report": permissions.may_report(request.user, scorecard, kpi_id) and not source,
        "year_label": _year_label(scorecard),
        "inputs": [(tables.text(i.name), tables.text(i.unit)) for i in kpi.inputs],
        "source": source,  # a member's joint KPI: the owner's result, read here
        "carriers": [] if source else joint.carriers(scorecard, kpi_id)[1],  # the owner's
        "links": [(ln.type, ln.code, tables.text(ln.name)) for ln in kpi.links],
    }
    ctx |= discussions.context(request.user, scorecard, review, kpi_id)
    return render(request, "front/kpi.html", ctx)


def _entry_context(
    scorecard: Scorecard, kpi: m.Kpi, round_no: int, form: ResultForm
) -> dict[str, Any]:
    scored = engine.score(scorecard, round_no)
    return {
        "scorecard": scorecard,
        "kpi": kpi,
        "name": tables.text(kpi.name),
        "round_no": round_no,
        "form": form,
        "score": scored.kpi(kpi.id),
        "scored": scored,
        "levels": tables.level_values(
            scored.engine.kpi(kpi.id) or kpi, round_no, scored.engine.scale.levels
        ),
        "level_scores": scored.engine.scale.levels,
        "year_label": _year_label(scorecard),
    }


@login_required
def result_entry(request: HttpRequest, pk: int, kpi_id: str, round_no: int) -> HttpResponse:
    """The result entry form: validation, optimistic locking, evidence upload."""
    scorecard = permissions.scorecard_for(request.user, pk)
    kpi = _kpi(scorecard, kpi_id)
    review = _review(scorecard, round_no)
    try:  # the same rule as can_store_result, with a reason people can act on
        results.check_can_edit(request.user, scorecard, kpi_id, review)
    except DomainError as exc:
        raise PermissionDenied(exc.message) from None
    if request.method != "POST":
        existing = Result.objects.filter(
            scorecard=scorecard, kpi_id=kpi_id, round_no=round_no
        ).first()
        initial = ResultForm.initial_from(
            existing.raw if existing else None,
            existing.note if existing else "",
            existing.revision if existing else 0,
        )
        form = ResultForm(initial=initial, kpi=kpi, round_no=round_no)
        ctx = _entry_context(scorecard, kpi, round_no, form)
        if existing is not None:  # the stored value's warnings, until the user changes it
            ctx["warnings"] = _warnings(scorecard, kpi.id, round_no, existing.raw)
        return render(request, "front/entry.html", ctx)
    form = ResultForm(request.POST, request.FILES, kpi=kpi, round_no=round_no)
    ctx = {}  # _save puts the other person's result here on a conflict
    if form.is_valid() and _save(request, scorecard, kpi, round_no, form, ctx):
        messages.success(request, _("Saved."))
        url = reverse("front:kpi", args=[scorecard.pk, kpi.id])
        return redirect(f"{url}?round={round_no}")
    # Shown again with the message: scored as it now stands (a saved page redirects unscored).
    ctx |= _entry_context(scorecard, kpi, round_no, form)
    return render(request, "front/entry.html", ctx, status=409 if "theirs" in ctx else 200)


def _save(
    request: HttpRequest,
    scorecard: Scorecard,
    kpi: m.Kpi,
    round_no: int,
    form: ResultForm,
    ctx: dict[str, Any],
) -> bool:
    """Save through the service; on refusal put the message on the form and keep the values."""
    data = form.cleaned_data
    try:
        results.save_result(
            request.user,
            scorecard,
            kpi.id,
            round_no,
            form.stored(),
            data["note"],
            data["revision"],
            evidence=data.get("evidence"),
        )
    except Conflict as exc:
        form.add_error(None, exc.message)
        theirs = exc.current
        ctx["theirs"] = theirs
        # The next save overwrites theirs on purpose: the user has now seen them.
        form.data = form.data.copy()
        form.data["revision"] = str(theirs.revision if theirs else 0)
        return False
    except DomainError as exc:
        form.add_error(None, exc.message)
        return False
    for warning in _warnings(scorecard, kpi.id, round_no, form.stored()):
        messages.warning(request, warning)
    return True


def _warnings(scorecard: Scorecard, kpi_id: str, round_no: int, stored: Any) -> list[str]:
    """The engine's warnings on a result it accepts, in the page's language."""
    language = get_language() or "th"
    return [w.text(language) for w in results.result_warnings(scorecard, kpi_id, round_no, stored)]


@login_required
@require_POST
def result_preview(request: HttpRequest, pk: int, kpi_id: str, round_no: int) -> JsonResponse:
    """JSON: the KPI's score and the round's total as if the typed values were saved."""
    scorecard = permissions.scorecard_for(request.user, pk)
    kpi = _kpi(scorecard, kpi_id)
    _review(scorecard, round_no)
    if not permissions.may_report(request.user, scorecard, kpi_id):
        raise PermissionDenied
    form = ResultForm(request.POST, kpi=kpi, round_no=round_no)
    form.fields["revision"].required = False
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {e}"
            if getattr(form.fields.get(name), "label", "")
            else str(e)
            for name, errs in form.errors.items()
            for e in errs
        ]
        return JsonResponse({"ok": False, "errors": errors})
    try:
        scored = results.preview(scorecard, kpi_id, round_no, form.stored())
    except Invalid as exc:
        return JsonResponse({"ok": False, "errors": [exc.message]})
    body = {
        "ok": True,
        "kpi": tables.score_json(scored.kpi(kpi_id), scored.engine.scale),
        "total": str(scored.round.total),
        "max_total": str(scored.round.max_total),
        "warnings": _warnings(scorecard, kpi_id, round_no, form.stored()),
    }
    return JsonResponse(body)


@login_required
@require_POST
def progress_save(request: HttpRequest, pk: int, kpi_id: str) -> HttpResponse:
    """Save one monthly progress value."""
    scorecard = permissions.scorecard_for(request.user, pk)
    _kpi(scorecard, kpi_id)
    months = [(i, str(i)) for i in range(1, 13)]
    form = ProgressForm(request.POST, months=months)
    if not form.is_valid():
        messages.error(request, _("Enter a month and a number."))
    else:
        try:
            results.set_progress(
                request.user,
                scorecard,
                kpi_id,
                form.cleaned_data["month"],
                form.cleaned_data["value"],
            )
            messages.success(request, _("Saved."))
        except NotAllowed:
            raise PermissionDenied from None
        except DomainError as exc:
            messages.error(request, exc.message)
    return redirect("front:kpi", pk=scorecard.pk, kpi_id=kpi_id)


@login_required
@require_POST
def review_action(request: HttpRequest, pk: int, round_no: int) -> HttpResponse:
    """Submit, return, approve or lock a round (front.review_pages asks to confirm first)."""
    scorecard = permissions.scorecard_for(request.user, pk)
    review = _review(scorecard, round_no)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return review_pages.unknown(request, scorecard, round_no)
    data = form.cleaned_data
    return review_pages.take(request, scorecard, review, data["action"], data["comment"])


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Evaluators: rounds waiting across agencies, and agencies' totals side by side."""
    if not permissions.is_evaluator(request.user):
        raise PermissionDenied
    queue = lists.review_queue(request.user, request.GET)
    waiting, compared = queue.waiting, queue.compared
    ctx = {
        "q": queue.query,
        "waiting": waiting,
        "waiting_links": queue.waiting_links(),
        "waiting_showing": labels.showing_rounds(
            waiting.start_index(), waiting.end_index(), waiting.paginator.count
        ),
        "totals": queue.totals,
        "compared": compared,
        "compared_links": queue.compared_links(),
        "compared_showing": labels.showing_agencies(
            compared.start_index(), compared.end_index(), compared.paginator.count
        ),
        "years": queue.years,
        "year": queue.query.year,
        "round_no": queue.query.round_no,
        "chart": charts_for.totals(queue.totals),
    }
    return render(request, "front/review_queue.html", ctx)


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """Upload a template: a new scorecard or a new version; errors listed line by line."""
    if not permissions.importable_agencies(request.user).exists():
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    findings: tuple[Any, ...] = ()
    add_agency = None  # the prefilled creation form, when the template's agency is missing
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data.get("workbook"):  # an uploaded .xlsx: its template as text, checked by cell
                data = {**data, "yaml": imports.workbook_text(data["workbook"], data["name"])}
            outcome = _import(request.user, data, confirmed=data["confirm"])
        except Invalid as exc:
            form.add_error(None, exc.message)
            findings = exc.findings
            add_agency = agencies.offer(request.user, exc)
        except NotAllowed as exc:
            form.add_error(None, exc.message)
        else:
            if outcome.dry_run:  # show the difference and which rounds use it; ask to confirm
                named = versions.words_of(outcome.changes, imports.parse(data["yaml"]))
                ctx = {"form": form, "preview": outcome, "headline": imports.headline(outcome),
                       "round_lines": imports.round_lines(outcome), "changes": named,
                       "yaml": data["yaml"], "reason": data["reason"]}  # fmt: skip
                return render(request, "front/import.html", ctx)
            if outcome.unchanged:
                messages.info(request, imports.describe(outcome))
            else:
                messages.success(request, imports.describe(outcome))
            return redirect("front:overview", pk=outcome.scorecard_id)
    ctx = {"form": form, "findings": findings, "add_agency": add_agency}
    return render(request, "front/import.html", ctx)


def _import(user: Any, data: dict[str, Any], confirmed: bool) -> imports.Imported:
    """A new version only once confirmed after its preview; a first version at once."""
    args = (user, data["yaml"], data["reason"], data["name"])
    if confirmed:
        return imports.import_version(*args)
    preview = imports.import_version(*args, dry_run=True)
    if preview.dry_run and preview.number == 1:  # a new scorecard: nothing to compare with
        return imports.import_version(*args)
    return preview


@login_required
def audit_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The engine's recomputation of every stated figure, and the change log."""
    scorecard = permissions.scorecard_for(request.user, pk)
    sc = engine.current(scorecard)
    ctx = {
        "scorecard": scorecard,
        "sc": sc,
        "findings": engine.audit_findings(sc),
        "decided": decisions.by_audit_row(scorecard.current) if scorecard.current else {},
        "log": AuditLog.objects.filter(scorecard=scorecard).select_related("actor")[:200],
        "versions": scorecard.versions.select_related("author"),
        "year_label": _year_label(scorecard),
    }
    return render(request, "front/audit.html", ctx)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an evidence file to someone who may read its scorecard; 404 for anyone else.

    A joint KPI's owner's file is also served to the readers of a member scorecard carrying
    it, once the owner's round is sent (services.joint.shares_evidence).
    """
    evidence = Evidence.objects.select_related("result__scorecard").filter(pk=pk).first()
    if evidence is None:
        raise Http404
    try:
        permissions.scorecard_for(request.user, evidence.result.scorecard_id)
    except permissions.NotFound:
        if not joint.shares_evidence(request.user, evidence):
            raise
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    return response


@login_required
def owners(request: HttpRequest, pk: int) -> HttpResponse:
    """Planners decide which division and users report each KPI."""
    scorecard = permissions.scorecard_for(request.user, pk)
    if not permissions.can_manage_owners(request.user, scorecard):
        raise PermissionDenied
    choices = {
        "divisions": ownership.divisions(scorecard),
        "users": ownership.candidates(scorecard),
    }
    if request.method == "POST":
        form = OwnerForm(request.POST, **choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                ownership.set_owner(
                    request.user, scorecard, data["kpi_id"], data["division"], data["users"]
                )
                messages.success(request, _("Saved."))
            except DomainError as exc:
                messages.error(request, exc.message)
        else:
            messages.error(request, _("Choose a division and users from the lists."))
        return redirect("front:owners", pk=scorecard.pk)
    rows = {r.kpi_id: r for r in scorecard.owners.prefetch_related("users")}
    forms_ = []
    for kpi in engine.current(scorecard).kpis:
        row = rows.get(kpi.id)
        initial = {"kpi_id": kpi.id}
        if row:
            initial |= {"division": row.division_id, "users": list(row.users.all())}
        forms_.append((kpi, tables.text(kpi.name), OwnerForm(initial=initial, **choices)))
    ctx = {"scorecard": scorecard, "forms": forms_, "year_label": _year_label(scorecard)}
    return render(request, "front/owners.html", ctx)
