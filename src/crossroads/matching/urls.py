from django.urls import path

from . import api, views_advisers, views_exports, views_interests, views_profiles, views_search

# Ids are taken as text and checked in the views (core.numbers.parse_int_id, opaque profile ids): an `int`
# converter lets a 40-digit number through to the database driver, which answers with a 500.
app_name = "matching"
urlpatterns = [
    path("", views_search.find_partners, name="find"),
    path("profiles/", views_profiles.my_profiles, name="my_profiles"),
    path("profiles/export.<str:fmt>", views_exports.my_profiles_export, name="my_profiles_export"),
    path("profiles/new/<str:company_pk>/", views_profiles.profile_create, name="profile_create"),
    path("profiles/<str:ref>/", views_profiles.profile_detail, name="profile_detail"),
    path("profiles/<str:ref>/edit/", views_profiles.profile_edit, name="profile_edit"),
    path("profiles/<str:ref>/status/", views_profiles.profile_status, name="profile_status"),
    path("interest/<str:key>/", views_interests.interest_create, name="interest_create"),
    path("interests/", views_interests.interests, name="interests"),
    path("interests/<str:pk>/answer/", views_interests.interest_answer, name="interest_answer"),
    path("introductions/<str:pk>/answer/", views_interests.introduction_answer, name="introduction_answer"),
    path("searches/", views_search.saved_searches, name="saved_searches"),
    path("searches/new/", views_search.saved_search_create, name="saved_search_create"),
    path("searches/<str:pk>/delete/", views_search.saved_search_delete, name="saved_search_delete"),
    path("advisers/", views_advisers.adviser_matches, name="adviser_matches"),
    path("advisers/introduce/<str:a>/<str:b>/", views_advisers.introduction_create, name="introduction_create"),
    path("advisers/introductions/<str:pk>/", views_advisers.introduction_update, name="introduction_update"),
]

api_urlpatterns = [
    path("suggestions", api.suggestions, name="api_suggestions"),
    path("profiles/<str:ref>", api.profile, name="api_profile"),
]
