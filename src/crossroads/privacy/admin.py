from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import AnonymisedApplication, ErasureRequest


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    """Read-only: requests are carried out on the secretariat's page (/privacy/requests/), through the service that
    checks what stands in the way and writes the audit event."""

    list_display = ["pk", "user", "status", "requested_at", "handled_by", "handled_at"]
    list_filter = ["status"]
    readonly_fields = ["user", "requested_at", "status", "blockers", "handled_by", "handled_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AnonymisedApplication)
class AnonymisedApplicationAdmin(admin.ModelAdmin):
    list_display = ["application", "reason", "reference_at", "anonymised_at"]
    list_filter = ["reason"]
    readonly_fields = ["application", "reason", "reference_at", "anonymised_at", "figures"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
