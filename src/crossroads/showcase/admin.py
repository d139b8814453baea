from django.contrib import admin

from .models import Edition


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "first_year", "last_year", "projects", "companies", "grants_total"]
