from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.notice, name="notice"),
    path("my-data/", views.my_data, name="my_data"),
    path("erase/", views.erase, name="erase"),
    path("erased/", views.erased, name="erased"),
    path("requests/", views.requests_list, name="requests"),
    path("requests/<str:pk>/erase/", views.request_carry_out, name="request_erase"),
]
