from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("crossroads.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("companies/", include("crossroads.companies.urls")),
    path("admin/", admin.site.urls),
]
