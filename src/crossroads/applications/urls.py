from django.urls import path

from . import views

app_name = "applications"
urlpatterns = [
    path("calls/", views.call_list, name="calls"),
    path("calls/<slug:code>/", views.call_detail, name="call_detail"),
    path("calls/<slug:code>/start/", views.application_start, name="start"),
    path("calls/<slug:code>/documents/<int:pk>/", views.call_document, name="call_document"),
    path("applications/", views.my_applications, name="mine"),
    path("applications/<int:pk>/", views.application_detail, name="detail"),
    path("applications/<int:pk>/shared/", views.application_shared, name="shared"),
    path("applications/<int:pk>/partners/add/", views.partner_add, name="partner_add"),
    path("applications/<int:pk>/partners/<int:partner_pk>/", views.partner_detail, name="partner"),
    path("applications/<int:pk>/submit/", views.application_submit, name="submit"),
    path("applications/<int:pk>/work-packages/", views.work_package_add, name="wp_add"),
    path("applications/<int:pk>/work-packages/<int:number>/delete/", views.work_package_delete, name="wp_delete"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="withdraw"),
    path("applications/<int:pk>/invite-full/", views.application_invite_full, name="invite_full"),
    path("applications/<int:pk>/copy/", views.application_copy, name="copy"),
    path("applications/<int:pk>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("applications/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("applications/<int:pk>/submissions/<int:number>.pdf", views.submission_pdf, name="submission_pdf"),
    path("join/<str:token>/", views.partner_join, name="partner_join"),
]
