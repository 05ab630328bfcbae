"""The site's 403/404/500 answers: Thai (and English) pages, JSON under /api/.

Django's own handlers render the pages (front/jinja2/403.html, 404.html, 500.html); an API
client asking a wrong address or hitting a crash gets the API's JSON shape instead, so a
script never has to parse HTML.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

API_PREFIX = "/api/"
LOCKED_STATUS = 429
LOCKED_EN = (
    "Too many failed log-ins: this user name is locked from this address for {hours} hour(s)."
    " An API token already issued keeps working."
)
LOCKED_TH = (
    "เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป ชื่อผู้ใช้นี้ถูกระงับการเข้าสู่ระบบจากเครื่องนี้ {hours} ชั่วโมง"
    " โทเคน API ที่ออกให้แล้วยังใช้งานได้ตามปกติ"
)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """403: the Thai page, or JSON for the API."""
    if _is_api(request):
        return JsonResponse({"detail": "Not allowed.", "code": "not_allowed"}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: the Thai page, or JSON for the API."""
    if _is_api(request):
        return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: a static Thai/English page (nothing that could fail again), or JSON for the API."""
    if _is_api(request):
        body = {"detail": "Server error. ระบบขัดข้อง", "code": "server_error"}
        return JsonResponse(body, status=500)
    return defaults.server_error(request)


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a locked-out log-in: Thai and English, JSON under /api/."""
    hours = settings.AXES_COOLOFF_TIME
    if _is_api(request):
        body = {
            "detail": LOCKED_EN.format(hours=hours),
            "detail_th": LOCKED_TH.format(hours=hours),
            "code": "locked_out",
        }
        return JsonResponse(body, status=LOCKED_STATUS)
    return render(request, "locked.html", {"hours": hours}, status=LOCKED_STATUS)
