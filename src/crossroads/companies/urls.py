from django.urls import path

from . import views, views_exports, views_import

app_name = "companies"
urlpatterns = [
    path("", views.company_list, name="list"),
    path("export.<str:fmt>", views_exports.company_list_export, name="list_export"),
    path("new/", views.company_create, name="create"),
    path("<int:pk>/", views.company_detail, name="detail"),
    path("<int:pk>/edit/", views.company_edit, name="edit"),
    path("<int:pk>/establishments/new/", views.establishment_edit, name="establishment_add"),
    path("<int:pk>/establishments/<int:item_pk>/", views.establishment_edit, name="establishment_edit"),
    path("<int:pk>/figures/new/", views.financial_year_edit, name="figures_add"),
    path("<int:pk>/figures/<int:item_pk>/", views.financial_year_edit, name="figures_edit"),
    path("<int:pk>/de-minimis/new/", views.de_minimis_edit, name="aid_add"),
    path("<int:pk>/de-minimis/<int:item_pk>/", views.de_minimis_edit, name="aid_edit"),
    path("<int:pk>/holdings/new/", views.holding_add, name="holding_add"),
    path("<int:pk>/<slug:kind>/<int:item_pk>/delete/", views.child_delete, name="child_delete"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("import/", views_import.import_upload, name="import_upload"),
    path("import/template.csv", views_import.import_template, name="import_template"),
    path("import/<int:pk>/", views_import.import_preview, name="import_preview"),
    path("import/<int:pk>/commit/", views_import.import_commit_view, name="import_commit"),
]
