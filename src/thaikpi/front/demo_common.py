"""What every part of the demo shares: its log-ins, the rounds' reporting dates, and copies of
the shipped DITP 2567 template relabelled for other demo agencies."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from thaikpi.accounts.models import Membership
from thaikpi.agencies.models import Agency
from thaikpi.engine.loader import template_text

ROUND_DUES = {1: datetime.date(2024, 4, 30), 2: datetime.date(2024, 10, 31)}


def demo_user(
    username: str, name: str, role: str, agency: Agency | None, password: str, staff: bool = False
) -> User:
    """A demo log-in with its membership (idempotent); ``staff`` also opens Django's admin."""
    user, created = User.objects.get_or_create(username=username, defaults={"first_name": name})
    if created:
        user.set_password(password)
        user.email = f"{username}@demo.thaikpi.invalid"  # the console shows reminders
        user.is_staff = user.is_superuser = staff
        user.save()
    Membership.objects.get_or_create(user=user, agency=agency, role=role)
    return user


def relabelled(code: str, th: str, en: str) -> str:
    """The DITP 2567 template with another agency's code and names (a demo copy)."""
    text = template_text("ditp-2567")
    replacements = [
        ("  code: DITP\n", f"  code: {code}\n"),
        (
            "  name: {th: กรมส่งเสริมการค้าระหว่างประเทศ, en: Department of International Trade "
            "Promotion}",
            f"  name: {{th: {th}, en: {en}}}",
        ),
        # The title names the department too: an evaluator comparing agencies must not read
        # DITP's name at the top of another agency's scorecard.
        (
            "  th: รายละเอียดตัวชี้วัด กรมส่งเสริมการค้าระหว่างประเทศ ",
            f"  th: รายละเอียดตัวชี้วัด {th} (ชุดสาธิต) ",
        ),
        (
            "  en: KPI details of the Department of International Trade Promotion,",
            f"  en: KPI details of the {en} (demo copy),",
        ),
        ("id: ditp-2567", f"id: {code.lower()}-2567-demo"),
    ]  # fmt: skip
    for old, new in replacements:
        assert old in text, f"the shipped template changed: {old!r}"
        text = text.replace(old, new, 1)
    return text
