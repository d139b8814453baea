from django.contrib import admin

from .models import Call, CallDocument, CostCategory, Criterion, Nuts3, Programme, Province, RegionStatus, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0


class CostCategoryInline(admin.TabularInline):
    model = CostCategory
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "start_date", "end_date", "grant_rate", "max_grant_per_project"]
    inlines = [ThemeInline, CostCategoryInline]


@admin.register(RegionStatus)
class RegionStatusAdmin(admin.ModelAdmin):
    list_display = ["programme", "nuts3", "status"]
    list_filter = ["programme", "status", "nuts3__province"]
    list_editable = ["status"]


admin.site.register(Province)
admin.site.register(Nuts3)


class CallDocumentInline(admin.TabularInline):
    model = CallDocument
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["code", "name_nl", "opens_at", "closes_at", "budget", "stages"]
    inlines = [CriterionInline, CallDocumentInline]
    filter_horizontal = ["themes"]
