"""A previewed sheet waits for its confirmation: only for its user, unchanged, not too long."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from thaikpi.services import staging
from thaikpi.services.errors import Invalid


@pytest.fixture
def people(db, settings, tmp_path):
    settings.EVIDENCE_DIR = tmp_path
    return User.objects.create_user("eve"), User.objects.create_user("mal")


def test_a_staged_file_comes_back_to_its_user_by_its_ticket(people):
    eve, _mal = people
    staged = staging.stage(eve, b"a,b\n1,2\n", "dga.csv")
    back = staging.take(eve, staged.ticket)
    assert (back.name, back.data) == ("dga.csv", b"a,b\n1,2\n")


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda t, folder: (t, "mal"), id="another user"),
        pytest.param(lambda t, folder: (t[:-2] + "xx", "eve"), id="a forged ticket"),
        pytest.param(
            lambda t, folder: (next(folder.iterdir()).write_bytes(b"changed") and t, "eve"),
            id="a changed file",
        ),
        pytest.param(
            lambda t, folder: (next(folder.iterdir()).unlink() or t, "eve"), id="a removed file"
        ),
    ],
)
def test_a_ticket_is_refused_for_anyone_else_or_another_file(people, tmp_path, spoil):
    users = dict(zip(("eve", "mal"), people, strict=True))
    staged = staging.stage(users["eve"], b"data", "x.csv")
    ticket, who = spoil(staged.ticket, tmp_path / "staged")
    with pytest.raises(Invalid):
        staging.take(users[who], ticket)


def test_an_old_ticket_is_refused(people, monkeypatch):
    eve, _mal = people
    staged = staging.stage(eve, b"data", "x.csv")
    monkeypatch.setattr(staging, "MAX_AGE", -1)
    with pytest.raises(Invalid):
        staging.take(eve, staged.ticket)


def test_a_confirmed_file_is_removed_and_forgotten_ones_are_swept(people, tmp_path, monkeypatch):
    eve, _mal = people
    first = staging.stage(eve, b"one", "a.csv")
    staging.discard(first.ticket)
    assert list((tmp_path / "staged").iterdir()) == []
    staging.stage(eve, b"two", "b.csv")
    monkeypatch.setattr(staging, "MAX_AGE", -1)
    staging.stage(eve, b"three", "c.csv")  # sweeps b.csv, older than the limit
    assert [p.read_bytes() for p in (tmp_path / "staged").iterdir()] == [b"three"]
