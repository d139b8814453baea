"""The admin keeps the assessor pool; every other assessment step has its own pages (with audit events)."""

from django.contrib import admin

from .models import AssessorProfile


@admin.register(AssessorProfile)
class AssessorProfileAdmin(admin.ModelAdmin):
    list_display = ["__str__", "country", "max_load", "employer", "active"]
    list_filter = ["country", "active"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "expertise"]
    autocomplete_fields = ["employer", "interests"]
    filter_horizontal = ["themes"]
