from django.contrib import admin
from django.urls import include, path

from crossroads.accounts.views import admin_login
from crossroads.assessment.urls import api_urlpatterns as assessment_api
from crossroads.core import urls as core_urls
from crossroads.matching.urls import api_urlpatterns
from crossroads.portal import urls as portal_urls

urlpatterns = [
    # One `core` namespace: the ground floor's URLs and the portal's pages, which kept their names (core:home,
    # core:dashboard) when they moved up to the portal.
    path("", include((portal_urls.urlpatterns + core_urls.urlpatterns, "core"))),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("companies/", include("crossroads.companies.urls")),
    path("partners/", include("crossroads.matching.urls")),
    path("", include("crossroads.applications.urls")),
    path("api/v1/matching/", include((api_urlpatterns, "matching_api"))),
    path("assessment/", include("crossroads.assessment.urls")),
    path("api/v1/assessment/", include((assessment_api, "assessment_api"))),
    path("privacy/", include("crossroads.privacy.urls")),
    path("programme/", include("crossroads.programme.urls")),
    path("grants/", include("crossroads.grants.urls")),
    path("insights/", include("crossroads.insights.urls")),
    path("api/v1/open/", include("crossroads.showcase.api_urls")),
    # The public pages (projects, editions, partner organisations, open data) keep short, stable addresses.
    path("", include("crossroads.showcase.urls")),
    # Before the admin's own URLs: its login form (password only) must never be reachable.
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

handler400 = "crossroads.core.errors.bad_request"
handler403 = "crossroads.core.errors.permission_denied"
handler404 = "crossroads.core.errors.page_not_found"
handler500 = "crossroads.core.errors.server_error"
