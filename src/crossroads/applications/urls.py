from django.urls import path, register_converter

from crossroads.core.numbers import parse_int_id

from . import views
from .views import exports_lists


class IdConverter:
    """A database id in a URL: at most 19 ASCII digits within a 64-bit key. A 40-digit id does not match (404);
    <int:...> would pass it to the database driver, which fails with an OverflowError (500)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_int_id(value)
        if number is None:
            raise ValueError(value)  # no match: 404
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "app_id")

app_name = "applications"
urlpatterns = [
    path("calls/", views.call_list, name="calls"),
    path("calls/<slug:code>/", views.call_detail, name="call_detail"),
    path("calls/<slug:code>/start/", views.application_start, name="start"),
    path("calls/<slug:code>/documents/<app_id:pk>/", views.call_document, name="call_document"),
    path("applications/", views.my_applications, name="mine"),
    path("applications/export.<str:fmt>", exports_lists.my_applications_export, name="mine_export"),
    path("applications/<app_id:pk>/", views.application_detail, name="detail"),
    path("applications/<app_id:pk>/shared/", views.application_shared, name="shared"),
    path("applications/<app_id:pk>/partners/add/", views.partner_add, name="partner_add"),
    path("applications/<app_id:pk>/partners/<app_id:partner_pk>/", views.partner_detail, name="partner"),
    path(
        "applications/<app_id:pk>/partners/<app_id:partner_pk>/join-request/",
        views.partner_join_decide,
        name="partner_join_decide",
    ),
    path("applications/<app_id:pk>/submit/", views.application_submit, name="submit"),
    path("applications/<app_id:pk>/work-packages/", views.work_package_add, name="wp_add"),
    path("applications/<app_id:pk>/work-packages/<app_id:number>/delete/", views.work_package_delete, name="wp_delete"),
    path("applications/<app_id:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("applications/<app_id:pk>/invite-full/", views.application_invite_full, name="invite_full"),
    path("applications/<app_id:pk>/copy/", views.application_copy, name="copy"),
    path("applications/<app_id:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("applications/<app_id:pk>/attachments/<app_id:attachment_pk>/", views.attachment_download, name="attachment"),
    path("applications/<app_id:pk>/submissions/<app_id:number>.pdf", views.submission_pdf, name="submission_pdf"),
    path("join/<str:token>/", views.partner_join, name="partner_join"),
    path("applications/start-from-interest/<app_id:pk>/", views.start_from_interest, name="start_from_interest"),
]
