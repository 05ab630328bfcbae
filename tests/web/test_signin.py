"""The pages' login_required (thaikpi/front/signin.py): the view gets the user itself.

Django hands every request a lazy stand-in for the user; once a page needs the user anyway,
the decorated view gets the real ``User``. Anonymous visitors still go to the log-in page.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.test import Client, RequestFactory
from django.utils.functional import LazyObject, SimpleLazyObject

from tests.web.test_speed import overview_url
from thaikpi.accounts import permissions
from thaikpi.front.signin import login_required, resolved

PATH = "/somewhere/7/?round=2"


def seen_by_view() -> tuple[list[object], object]:
    """A decorated view and the users it was given."""
    seen: list[object] = []

    @login_required
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        """A page."""
        seen.append(request.user)
        return HttpResponse(f"page {pk}")

    return seen, view


def test_it_gives_the_view_the_user_itself_not_the_lazy_stand_in(world):
    seen, view = seen_by_view()
    request = RequestFactory().get(PATH)
    request.user = SimpleLazyObject(lambda: world.pim)
    response = view(request, pk=7)
    assert response.status_code == 200 and response.content == b"page 7"
    assert type(seen[0]) is User and not isinstance(seen[0], LazyObject)
    assert seen[0] is world.pim
    assert request.user is world.pim


def test_it_passes_a_user_that_is_not_lazy_as_it_is(world):
    seen, view = seen_by_view()
    request = RequestFactory().get(PATH)
    request.user = world.eve
    assert view(request, pk=7).status_code == 200
    assert seen == [world.eve] and seen[0] is world.eve


def test_it_sends_an_anonymous_visitor_to_the_login_page_without_calling_the_view():
    seen, view = seen_by_view()
    request = RequestFactory().get(PATH)
    request.user = SimpleLazyObject(AnonymousUser)
    response = view(request, pk=7)
    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={quote(PATH)}"
    assert seen == []


def test_it_keeps_the_views_name_and_description():
    _, view = seen_by_view()
    assert view.__name__ == "view" and view.__doc__ == "A page."


def test_resolved_unwraps_a_lazy_user_once_and_leaves_others(world):
    made: list[User] = []
    lazy = SimpleLazyObject(lambda: made.append(world.oat) or world.oat)
    assert resolved(lazy) is world.oat and resolved(lazy) is world.oat
    assert made == [world.oat]
    assert resolved(world.oat) is world.oat
    anonymous = AnonymousUser()
    assert resolved(anonymous) is anonymous


def test_the_overview_reads_permissions_with_the_real_user(world, monkeypatch):
    asked: list[object] = []
    scorecard_for = permissions.scorecard_for

    def recording(user: object, pk: int) -> object:
        asked.append(user)
        return scorecard_for(user, pk)

    monkeypatch.setattr(permissions, "scorecard_for", recording)
    client = Client()
    client.force_login(world.pim)
    assert client.get(overview_url(world)).status_code == 200
    assert len(asked) == 1 and type(asked[0]) is User and asked[0].pk == world.pim.pk


def test_the_overview_sends_an_anonymous_visitor_to_the_login_page(world):
    url = overview_url(world)
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{resolve_url(settings.LOGIN_URL)}?next={quote(url)}"
