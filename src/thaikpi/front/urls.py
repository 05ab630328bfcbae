"""Page URLs."""

from django.contrib.auth import views as auth_views
from django.urls import path

from thaikpi.front import (
    account,
    agencies,
    catalog,
    dashboard,
    deadlines,
    decisions,
    downloads,
    views,
)

app_name = "front"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="front/landing.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("scorecards/<int:pk>/", views.overview, name="overview"),
    path("scorecards/<int:pk>/audit/", views.audit_report, name="audit"),
    path("scorecards/<int:pk>/owners/", views.owners, name="owners"),
    path("scorecards/<int:pk>/rounds/<int:round_no>/review/", views.review_action, name="review"),
    path("scorecards/<int:pk>/kpis/<str:kpi_id>/", views.kpi_page, name="kpi"),
    path("scorecards/<int:pk>/kpis/<str:kpi_id>/progress/", views.progress_save, name="progress"),
    path("scorecards/<int:pk>/kpis/<str:kpi_id>/catalog/", catalog.catalog_page, name="catalog"),
    path(
        "scorecards/<int:pk>/kpis/<str:kpi_id>/rounds/<int:round_no>/",
        views.result_entry,
        name="entry",
    ),
    path(
        "scorecards/<int:pk>/kpis/<str:kpi_id>/rounds/<int:round_no>/levels/<int:score>/decide/",
        decisions.decide,
        name="decide",
    ),
    path(
        "scorecards/<int:pk>/kpis/<str:kpi_id>/rounds/<int:round_no>/preview/",
        views.result_preview,
        name="preview",
    ),
    path(
        "scorecards/<int:pk>/rounds/<int:round_no>/report.pdf",
        downloads.report_pdf,
        name="report_pdf",
    ),
    path(
        "scorecards/<int:pk>/rounds/<int:round_no>/briefing.pdf",
        downloads.briefing_pdf,
        name="briefing_pdf",
    ),
    path(
        "scorecards/<int:pk>/rounds/<int:round_no>/workbook.xlsx",
        downloads.report_xlsx,
        name="report_xlsx",
    ),
    path("scorecards/<int:pk>/import-results/", downloads.import_workbook, name="import_results"),
    path("scorecards/<int:pk>/template.xlsx", downloads.template_xlsx, name="template_xlsx"),
    path("review/", views.review_queue, name="review_queue"),
    path("import/", views.import_template, name="import"),
    path("agencies/new/", agencies.add_agency, name="agency_new"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("account/token/", account.api_token, name="token"),
    path("todo/", deadlines.todo, name="todo"),
    path("inbox/", deadlines.inbox, name="inbox"),
    path("inbox/<int:pk>/", deadlines.inbox_open, name="inbox_open"),
    path("scorecards/<int:pk>/due-dates/", deadlines.due_dates, name="due_dates"),
    path("account/calendar/", deadlines.calendar_feed_page, name="calendar"),
    path("calendar/<str:token>.ics", deadlines.calendar_feed, name="calendar_feed"),
]
