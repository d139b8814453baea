from django.contrib import admin

from .models import Company, CompanyMembership, DeMinimisAid, Establishment, FinancialYear, Holding, NaceCode


class EstablishmentInline(admin.TabularInline):
    model = Establishment
    extra = 0


class FinancialYearInline(admin.TabularInline):
    model = FinancialYear
    extra = 0


class NaceInline(admin.TabularInline):
    model = NaceCode
    extra = 0


class MembershipInline(admin.TabularInline):
    model = CompanyMembership
    extra = 0


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "country", "enterprise_number", "role"]
    list_filter = ["country", "role"]
    search_fields = ["legal_name", "enterprise_number"]
    inlines = [EstablishmentInline, NaceInline, FinancialYearInline, MembershipInline]


admin.site.register(Holding)
admin.site.register(DeMinimisAid)
