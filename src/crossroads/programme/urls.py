from django.urls import path

from . import views

app_name = "programme"

urlpatterns = [
    path("calls/", views.call_list, name="call_list"),
    path("calls/new/", views.call_create, name="call_create"),
    path("calls/<int:call_id>/", views.call_edit, name="call_edit"),
    path("calls/<int:call_id>/preview/", views.call_preview, name="call_preview"),
    path("calls/<int:call_id>/documents/", views.call_document_add, name="call_document_add"),
    path("calls/<int:call_id>/documents/<int:pk>/remove/", views.call_document_remove, name="call_document_remove"),
]
