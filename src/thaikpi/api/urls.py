"""/api/v1/ URLs."""

from __future__ import annotations

from django.urls import path

from thaikpi.api import discussions, docs, views

app_name = "api"
SC = "scorecards/<int:pk>/"
ROUND = SC + "rounds/<int:round_no>/"
urlpatterns = [
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("agencies/", views.AgencyList.as_view(), name="agencies"),
    path("agencies/<int:pk>/", views.AgencyDetail.as_view(), name="agency"),
    path("fiscal-years/", views.FiscalYearList.as_view(), name="fiscal-years"),
    path("scorecards/", views.ScorecardList.as_view(), name="scorecards"),
    path("scorecards/import/", views.ScorecardImport.as_view(), name="import"),
    path(SC, views.ScorecardDetail.as_view(), name="scorecard"),
    path(SC + "audit/", views.AuditView.as_view(), name="audit"),
    path(SC + "agreement/", views.AgreementView.as_view(), name="agreement"),
    path(SC + "kpis/", views.KpiList.as_view(), name="kpis"),
    path(SC + "kpis/<str:kpi_id>/", views.KpiDetail.as_view(), name="kpi"),
    path(ROUND + "results/", views.ResultList.as_view(), name="results"),
    path(ROUND + "results/<str:kpi_id>/", views.ResultDetail.as_view(), name="result"),
    path(ROUND + "score/", views.ScoreView.as_view(), name="score"),
    path(ROUND + "need/", views.NeedView.as_view(), name="need"),
    path(ROUND + "review/", views.ReviewView.as_view(), name="review"),
    path(ROUND + "workbook.xlsx", views.WorkbookView.as_view(), name="workbook"),
    path(ROUND + "briefing.pdf", views.BriefingView.as_view(), name="briefing"),
    path(ROUND + "comments/", discussions.CommentList.as_view(), name="comments"),
    path(
        SC + "comments/<int:comment_id>/resolve/",
        discussions.CommentResolve.as_view(),
        name="comment-resolve",
    ),
]
