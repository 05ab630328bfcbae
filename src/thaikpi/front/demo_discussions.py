"""Demo comments (called once from ``manage.py thaikpi_demo``): a KPI thread the evaluator
answered and resolved, one still open, and an open thread on round 1, so the KPI page, the
overview's open count, the inbox and the briefing's "open comments" have something to show."""

from __future__ import annotations

from django.contrib.auth.models import User

from thaikpi.discussions.models import Comment
from thaikpi.scorecards.models import Scorecard
from thaikpi.services import discussions


def comments(card: Scorecard) -> None:
    """Add the demo threads to round 1 of ``card``, unless it has comments already."""
    if Comment.objects.filter(scorecard=card).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=["pim", "oat", "eve"])}
    pim, oat, eve = users["pim"], users["oat"], users["eve"]
    answered = discussions.add(oat, card, 1, "มูลค่าการค้ารอบ 6 เดือนรวมยอดจากงานแสดงสินค้า 2 งาน"
                               "ที่จัดร่วมกับภาคเอกชน หลักฐานคือหนังสือยืนยันยอดสั่งซื้อที่แนบไว้",
                               kpi_id="3")  # fmt: skip
    discussions.add(eve, card, 1, "รับทราบ หลักฐานครบถ้วน ขอบคุณครับ", parent_id=answered.pk)
    discussions.set_resolved(eve, card, answered.pk, True)
    discussions.add(eve, card, 1, "ขอรายละเอียดวิธีนับมูลค่าการส่งออกที่ใช้เปรียบเทียบกับปีก่อน"
                    " (แหล่งข้อมูลและเดือนที่ตัดยอด)", kpi_id="1")  # fmt: skip
    opened = discussions.add(eve, card, 1, "ค่าเป้าหมายของตัวชี้วัดที่ 1 ในระบบไม่ตรงกับเอกสาร"
                             "ที่ลงนาม โปรดยืนยันว่าจะใช้ค่าใด")  # fmt: skip
    discussions.add(pim, card, 1, "กำลังตรวจสอบกับกองยุทธศาสตร์ จะแจ้งภายในสัปดาห์นี้",
                    parent_id=opened.pk)  # fmt: skip
