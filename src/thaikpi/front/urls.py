"""Page URLs."""

from django.contrib.auth import views as auth_views
from django.urls import path

from thaikpi.front import (
    account,
    agencies,
    agreement,
    catalog,
    dashboard,
    deadlines,
    decisions,
    discussions,
    downloads,
    editor,
    joint,
    sources,
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
    path("scorecards/new/", agreement.new_scorecard, name="scorecard_new"),
    path("scorecards/<int:pk>/", views.overview, name="overview"),
    path("scorecards/<int:pk>/versions/", agreement.versions_page, name="versions"),
    path("scorecards/<int:pk>/sign/", agreement.sign, name="sign"),
    path("scorecards/<int:pk>/audit/", views.audit_report, name="audit"),
    path("scorecards/<int:pk>/owners/", views.owners, name="owners"),
    path("scorecards/<int:pk>/rounds/<int:round_no>/review/", views.review_action, name="review"),
    path(
        "scorecards/<int:pk>/rounds/<int:round_no>/comments/",
        discussions.comment_add,
        name="comment_add",
    ),
    path(
        "scorecards/<int:pk>/comments/<int:comment_id>/resolve/",
        discussions.comment_resolve,
        name="comment_resolve",
    ),
    path("scorecards/<int:pk>/kpis/<str:kpi_id>/", views.kpi_page, name="kpi"),
    path("scorecards/<int:pk>/kpis/<str:kpi_id>/progress/", views.progress_save, name="progress"),
    path("scorecards/<int:pk>/kpis/<str:kpi_id>/catalog/", catalog.catalog_page, name="catalog"),
    path("scorecards/<int:pk>/kpis/<str:kpi_id>/monthly/", sources.monthly_upload, name="monthly"),
    path("series-files/<int:pk>/", sources.series_file_download, name="series_file"),
    path("surveys/", sources.survey_upload, name="surveys"),
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
    path("scorecards/<int:pk>/edit/", editor.editor_page, name="editor"),
    path("scorecards/<int:pk>/edit/check/", editor.editor_check, name="editor_check"),
    path("review/", views.review_queue, name="review_queue"),
    path("import/", views.import_template, name="import"),
    path("import/sample.yaml", agreement.sample_yaml, name="import_sample"),
    path("import/format/", agreement.template_format, name="import_format"),
    path("import/schema.json", agreement.template_schema, name="import_schema"),
    path("agencies/new/", agencies.add_agency, name="agency_new"),
    path("joint/", joint.joint_list, name="joint"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("account/token/", account.api_token, name="token"),
    path("todo/", deadlines.todo, name="todo"),
    path("inbox/", deadlines.inbox, name="inbox"),
    path("inbox/<int:pk>/", deadlines.inbox_open, name="inbox_open"),
    path("scorecards/<int:pk>/due-dates/", deadlines.due_dates, name="due_dates"),
    path("account/calendar/", deadlines.calendar_feed_page, name="calendar"),
    path("calendar/<str:token>.ics", deadlines.calendar_feed, name="calendar_feed"),
]
