from django.urls import path

from .views import api, applicant, assessor, assignment, decisions, exports, exports_lists, ranking, screening

app_name = "assessment"

urlpatterns = [
    path("calls/<int:call_id>/", screening.call_overview, name="call"),
    path("applications/<int:application_id>/screening/", screening.screening_detail, name="screening"),
    path("calls/<int:call_id>/assignment/", assignment.assignment_board, name="assignment"),
    path("calls/<int:call_id>/assignment/action/", assignment.assignment_action, name="assignment_action"),
    path("applications/<int:application_id>/consolidation/", assignment.consolidation_view, name="consolidation"),
    path("applications/<int:application_id>/override/", assignment.override_view, name="override"),
    path("calls/<int:call_id>/ranking/", ranking.ranking_view, name="ranking"),
    path("calls/<int:call_id>/ranking/freeze/", ranking.ranking_freeze_view, name="ranking_freeze"),
    path("calls/<int:call_id>/ranking/unfreeze/", ranking.ranking_unfreeze_view, name="ranking_unfreeze"),
    path("calls/<int:call_id>/meeting/", ranking.meeting_view, name="meeting"),
    path("calls/<int:call_id>/ranking.xlsx", exports.ranking_export, name="ranking_export"),
    path(
        "calls/<int:call_id>/applications.<str:fmt>", exports_lists.call_applications_export, name="applications_export"
    ),
    path("calls/<int:call_id>/scores.<str:fmt>", exports_lists.call_scores_export, name="scores_export"),
    path(
        "calls/<int:call_id>/frozen-ranking.<str:fmt>",
        exports_lists.frozen_ranking_export,
        name="frozen_ranking_export",
    ),
    path("calls/<int:call_id>/decisions/", decisions.decisions_view, name="decisions"),
    path("calls/<int:call_id>/decisions/<int:application_id>/", decisions.decision_take_view, name="decision_take"),
    path("objections/<int:objection_id>/", decisions.objection_resolve_view, name="objection_resolve"),
    path("decisions/<int:decision_id>/renounce/", decisions.grant_renounce_view, name="grant_renounce"),
    path("mine/", assessor.my_assignments, name="my_assignments"),
    path("mine/export.csv", assessor.my_assignments_export, name="my_assignments_export"),
    path("mine/profile/", assessor.assessor_profile, name="assessor_profile"),
    path("assignments/<int:assignment_id>/", assessor.assignment_detail, name="assignment_detail"),
    path("decisions/<int:decision_id>/", applicant.decision_detail, name="decision_detail"),
    path("decisions/<int:decision_id>/letter.pdf", applicant.decision_letter, name="decision_letter"),
]

api_urlpatterns = [
    path("assignments/", api.assignments, name="assignments"),
    path("assignments/<int:assignment_id>/application/", api.assignment_application, name="assignment_application"),
    path("calls/<int:call_id>/ranking/", api.ranking, name="ranking"),
]
