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
    list_display = ["legal_name", "kind", "country", "enterprise_number", "foreign_identifier", "role", "investor_type"]
    list_filter = ["kind", "country", "role", "investor_type"]
    search_fields = ["legal_name", "enterprise_number", "foreign_identifier"]
    inlines = [EstablishmentInline, NaceInline, FinancialYearInline, MembershipInline]


@admin.register(Holding)
class HoldingAdmin(admin.ModelAdmin):
    list_display = ["owner", "owned", "percent", "voting_percent", "acting_jointly_group", "started_on", "ended_on"]
    search_fields = ["owner__legal_name", "owned__legal_name", "acting_jointly_group"]


@admin.register(DeMinimisAid)
class DeMinimisAidAdmin(admin.ModelAdmin):
    list_display = ["company", "granted_on", "amount", "member_state", "origin"]
    list_filter = ["member_state", "origin"]
