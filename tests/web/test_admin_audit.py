"""KPI ownership edited in the Django admin leaves the same audit trail as the owners page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client
from django.urls import reverse

from tests.personas import World
from thaikpi.accounts.choices import Role
from thaikpi.accounts.models import Membership
from thaikpi.changelog.models import AuditLog
from thaikpi.scorecards.models import KpiOwnership


@pytest.fixture
def admin_client(world: World) -> Client:
    """Ada, the administrator, with the Django admin open to her (staff and superuser)."""
    world.ada.is_staff = world.ada.is_superuser = True
    world.ada.save()
    client = Client()
    client.force_login(world.ada)
    return client


@pytest.fixture
def ton(world: World) -> User:
    """A second KPI owner, in DITP's strategy division."""
    user = User.objects.create_user("ton")
    Membership.objects.create(user=user, agency=world.strat, role=Role.KPI_OWNER)
    return user


def row_of(world: World, kpi_id: str = "3") -> KpiOwnership:
    return KpiOwnership.objects.get(scorecard=world.card, kpi_id=kpi_id)


def change_url(row: KpiOwnership) -> str:
    return reverse("admin:scorecards_kpiownership_change", args=[row.pk])


def test_changing_owners_in_the_admin_is_audited_with_before_and_after(world, admin_client, ton):
    row = row_of(world)
    response = admin_client.post(
        change_url(row), {"division": world.strat.pk, "users": [world.oat.pk, ton.pk]}
    )
    assert response.status_code == 302
    assert set(row_of(world).users.all()) == {world.oat, ton}
    entry = AuditLog.objects.get(action="ownership.set")
    assert entry.actor == world.ada
    assert (entry.scorecard, entry.kpi_id, entry.object_id) == (world.card, "3", str(row.pk))
    assert entry.before == {"division": world.strat.pk, "users": [world.oat.pk]}
    assert entry.after == {"division": world.strat.pk, "users": sorted([world.oat.pk, ton.pk])}


def test_taking_the_division_and_users_away_in_the_admin_is_audited(world, admin_client):
    row = row_of(world)
    assert admin_client.post(change_url(row), {"division": "", "users": []}).status_code == 302
    entry = AuditLog.objects.get(action="ownership.set")
    assert entry.before == {"division": world.strat.pk, "users": [world.oat.pk]}
    assert entry.after == {"division": None, "users": []}


def test_adding_an_owner_row_in_the_admin_is_audited(world, admin_client, ton):
    response = admin_client.post(
        reverse("admin:scorecards_kpiownership_add"),
        {"scorecard": world.card.pk, "kpi_id": "1", "division": world.strat.pk, "users": [ton.pk]},
    )
    assert response.status_code == 302
    row = row_of(world, "1")
    assert list(row.users.all()) == [ton]
    entry = AuditLog.objects.get(action="ownership.set")
    assert (entry.actor, entry.object_id, entry.kpi_id) == (world.ada, str(row.pk), "1")
    assert entry.before == {"division": None, "users": []}
    assert entry.after == {"division": world.strat.pk, "users": [ton.pk]}


def test_deleting_an_owner_row_in_the_admin_is_audited(world, admin_client):
    row = row_of(world)
    url = reverse("admin:scorecards_kpiownership_delete", args=[row.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not KpiOwnership.objects.filter(pk=row.pk).exists()
    entry = AuditLog.objects.get(action="ownership.delete")
    assert (entry.actor, entry.scorecard, entry.kpi_id) == (world.ada, world.card, "3")
    assert entry.object_id == str(row.pk)
    assert entry.before == {"division": world.strat.pk, "users": [world.oat.pk]}
    assert entry.after is None


def test_deleting_selected_rows_from_the_admin_list_audits_each_row(world, admin_client, ton):
    second = KpiOwnership.objects.create(scorecard=world.card, kpi_id="1")
    second.users.add(ton)
    response = admin_client.post(
        reverse("admin:scorecards_kpiownership_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [row_of(world).pk, second.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not KpiOwnership.objects.exists()
    deleted = AuditLog.objects.filter(action="ownership.delete")
    assert sorted(deleted.values_list("kpi_id", flat=True)) == ["1", "3"]
    assert {e.actor for e in deleted} == {world.ada}


def test_the_admin_refuses_owners_the_owners_page_refuses_and_logs_nothing(world, admin_client):
    row = row_of(world)
    response = admin_client.post(
        change_url(row), {"division": world.strat.pk, "users": [world.mallory.pk]}
    )
    assert response.status_code == 200  # the form again, with the error
    assert "เฉพาะผู้รับผิดชอบตัวชี้วัดของหน่วยงานนี้เท่านั้นที่รายงานผลได้" in response.content.decode()
    assert list(row_of(world).users.all()) == [world.oat]
    assert not AuditLog.objects.filter(action__startswith="ownership.").exists()


def test_the_admin_refuses_a_kpi_the_template_does_not_have(world, admin_client):
    response = admin_client.post(
        reverse("admin:scorecards_kpiownership_add"),
        {"scorecard": world.card.pk, "kpi_id": "99", "division": "", "users": []},
    )
    assert response.status_code == 200
    assert not KpiOwnership.objects.filter(kpi_id="99").exists()
    assert not AuditLog.objects.filter(action__startswith="ownership.").exists()


def test_the_scorecard_and_kpi_of_an_owner_row_cannot_be_changed_in_the_admin(world, admin_client):
    row = row_of(world)
    admin_client.post(
        change_url(row),
        {"scorecard": world.other.pk, "kpi_id": "1", "division": "", "users": []},
    )
    assert row_of(world).pk == row.pk  # still KPI 3 of DITP's scorecard
    assert not KpiOwnership.objects.filter(scorecard=world.other).exists()
    assert AuditLog.objects.get(action="ownership.set").kpi_id == "3"


def test_when_the_audit_entry_cannot_be_written_the_admin_change_is_undone(
    world, admin_client, ton, monkeypatch
):
    from thaikpi.services import ownership

    def broken(*args, **kwargs):
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(ownership, "record", broken)
    row = row_of(world)
    with pytest.raises(RuntimeError):
        admin_client.post(change_url(row), {"division": "", "users": [ton.pk]})
    row = row_of(world)
    assert row.division == world.strat and list(row.users.all()) == [world.oat]


def test_staff_without_the_administrator_role_may_only_look(world):
    clerk = User.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__endswith="_kpiownership"),
    )
    client = Client()
    client.force_login(clerk)
    row = row_of(world)
    assert client.get(change_url(row)).status_code == 200  # view only
    client.post(change_url(row), {"division": "", "users": []})
    assert list(row_of(world).users.all()) == [world.oat]
    assert client.get(reverse("admin:scorecards_kpiownership_add")).status_code == 403
    assert not AuditLog.objects.filter(action__startswith="ownership.").exists()
