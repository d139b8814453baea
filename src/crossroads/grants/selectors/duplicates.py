"""The same invoice or timesheet is never paid twice, in any claim of any project: a claim line is a duplicate of
an earlier one when a supporting document has the same content (SHA-256), or when supplier, invoice number and
amount are the same (compared without case, spaces or punctuation in the number)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q

from ..models import ClaimDocument, ClaimLine, ClaimStatus


@dataclass(frozen=True)
class Duplicate:
    line: ClaimLine  # the earlier line
    how: str  # "document" (same file) or "invoice" (same supplier, number and amount)


def normalised_number(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def normalised_supplier(text: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", text.casefold()).split())


def duplicates_of(line: ClaimLine) -> list[Duplicate]:
    """Lines of other claims (not drafts, not rejected) or earlier lines of the same claim that claim the same
    document or invoice. Drafts do not count: a partner may delete them."""
    found: dict[int, Duplicate] = {}
    live = ~Q(claim__status=ClaimStatus.DRAFT) | Q(claim=line.claim_id)
    hashes = list(line.documents.values_list("sha256", flat=True))
    if hashes:
        same_file = (
            ClaimDocument.objects.filter(sha256__in=hashes)
            .exclude(line=line)
            .filter(Q(line__claim__status__in=_counted()) | Q(line__claim=line.claim_id))
            .exclude(line__decision="rejected")
            .select_related("line__claim__agreement_partner__agreement")
        )
        for document in same_file:
            found.setdefault(document.line_id, Duplicate(document.line, "document"))
    number = normalised_number(line.invoice_number)
    if number and line.supplier:
        candidates = (
            ClaimLine.objects.filter(live, amount=line.amount)
            .exclude(pk=line.pk)
            .exclude(decision="rejected")
            .exclude(invoice_number="")
            .select_related("claim__agreement_partner__agreement")
        )
        supplier = normalised_supplier(line.supplier)
        for other in candidates:
            if normalised_number(other.invoice_number) == number and normalised_supplier(other.supplier) == supplier:
                found.setdefault(other.pk, Duplicate(other, "invoice"))
    return sorted(found.values(), key=lambda d: d.line.pk)


def _counted() -> list[str]:
    return [s for s in ClaimStatus.values if s != ClaimStatus.DRAFT]


def duplicates_of_many(lines: list[ClaimLine]) -> dict[int, list[Duplicate]]:
    """`duplicates_of` of many lines (a page of claims) in two queries; `lines` have their documents prefetched."""
    if not lines:
        return {}
    claims = {line.claim_id for line in lines}
    related = (
        "line__claim__agreement_partner__agreement",
        "line__claim__agreement_partner__company",
        "line__claim__period",
    )
    hashes = {d.sha256 for line in lines for d in line.documents.all()}
    documents = list(
        ClaimDocument.objects.filter(sha256__in=hashes)
        .filter(Q(line__claim__status__in=_counted()) | Q(line__claim__in=claims))
        .exclude(line__decision="rejected")
        .select_related(*related)
        if hashes
        else []
    )
    wanted = [line for line in lines if normalised_number(line.invoice_number) and line.supplier]
    candidates = list(
        ClaimLine.objects.filter(~Q(claim__status=ClaimStatus.DRAFT) | Q(claim__in=claims))
        .filter(amount__in={line.amount for line in wanted})
        .exclude(decision="rejected")
        .exclude(invoice_number="")
        .select_related(*(r.removeprefix("line__") for r in related))
        if wanted
        else []
    )
    result = {}
    for line in lines:
        found: dict[int, Duplicate] = {}
        own = {d.sha256 for d in line.documents.all()}
        for document in documents:
            live = document.line.claim.status != ClaimStatus.DRAFT or document.line.claim_id == line.claim_id
            if document.sha256 in own and document.line_id != line.pk and live:
                found.setdefault(document.line_id, Duplicate(document.line, "document"))
        number = normalised_number(line.invoice_number)
        if number and line.supplier:
            supplier = normalised_supplier(line.supplier)
            for other in candidates:
                live = other.claim.status != ClaimStatus.DRAFT or other.claim_id == line.claim_id
                if (
                    other.pk != line.pk
                    and live
                    and other.amount == line.amount
                    and normalised_number(other.invoice_number) == number
                    and normalised_supplier(other.supplier) == supplier
                ):
                    found.setdefault(other.pk, Duplicate(other, "invoice"))
        result[line.pk] = sorted(found.values(), key=lambda d: d.line.pk)
    return result
