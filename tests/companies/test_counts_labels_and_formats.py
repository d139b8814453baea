"""What people read on the company screens: counts in singular and plural, labels instead of codes, and numbers,
percentages and dates through the one formatter (issue 12)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import override

from crossroads.companies.models import DeMinimisAid, Holding
from crossroads.companies.rules.types import Reason
from crossroads.companies.verdict_text import describe

pytestmark = pytest.mark.django_db


def speak(user, language):
    user.language = language
    user.save()
    return user


# --- counts -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "expected"), [(1, "1 company imported."), (2, "2 companies imported.")])
def test_the_import_message_says_company_or_companies(client, users, count, expected):
    from tests.companies.test_import import GOOD_BE, csv_upload

    second = list(GOOD_BE)
    second[0], second[3], second[10], second[11] = "Tweede Composiet BV", "0403.019.261", "2000", "Antwerpen"
    rows = [GOOD_BE, second][:count]
    client.force_login(speak(users["secretariat"], "en"))
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload(rows)})
    batch = client.get(response["Location"]).context["batch"]
    assert not batch.errors, batch.errors
    response = client.post(reverse("companies:import_commit", args=[batch.pk]))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (
            Reason(
                "deminimis.headroom",
                {
                    "count": 1,
                    "start": dt.date(2024, 1, 1),
                    "end": dt.date(2026, 12, 31),
                    "used": Decimal("10000"),
                    "ceiling": Decimal("300000"),
                    "headroom": Decimal("290000"),
                },
            ),
            "1 aid between 1 Jan 2024 and 31 Dec 2026 totals €10,000.00 of the €300,000.00 ceiling: "
            "€290,000.00 headroom.",
        ),
        (
            Reason(
                "deminimis.headroom",
                {
                    "count": 3,
                    "start": dt.date(2024, 1, 1),
                    "end": dt.date(2026, 12, 31),
                    "used": Decimal("10000"),
                    "ceiling": Decimal("300000"),
                    "headroom": Decimal("290000"),
                },
            ),
            "3 aids between 1 Jan 2024 and 31 Dec 2026 total €10,000.00 of the €300,000.00 ceiling: "
            "€290,000.00 headroom.",
        ),
        (
            Reason("deminimis.single_undertaking", {"members": 2}),
            "The aid of all 2 linked enterprises counts together (single undertaking).",
        ),
        (
            Reason("size.two_year_rule", {"year": 2025, "raw": "large", "kept": "small", "years": 1}),
            "In 2025 the figures alone would make it a large enterprise, but the class only changes after "
            "1 financial year, so it remains a small enterprise.",
        ),
        (
            Reason("oim.young_sme", {"founded": dt.date(2022, 3, 1), "years": 3, "reference": dt.date(2024, 1, 1)}),
            "An SME founded on 1 Mar 2022 is younger than 3 years on 1 Jan 2024: no test needed.",
        ),
        (
            Reason("elig.country_outside", {"country": "BE"}),
            "Registered in Belgium, not in one of the programme's countries.",
        ),
        (
            Reason("elig.region_core", {"nuts3": "BE211"}),
            "The project establishment lies in Arr. Antwerpen, Antwerpen, inside the programme area.",
        ),
        (
            Reason("elig.region_outside", {"nuts3": "BE100", "status": "outside"}),
            "The project establishment lies in Arr. Brussel-Hoofdstad, Brussels Hoofdstedelijk Gewest: "
            "outside the programme area.",
        ),
    ],
)
def test_verdict_sentences_follow_the_count_and_show_labels(reason, expected):
    with override("en"):
        assert describe(reason) == expected


def test_percentages_in_verdicts_read_the_dutch_way():
    reason = Reason(
        "size.partner_added",
        {
            "name": "Maasdata BV",
            "share": Decimal("25.00"),
            "staff": Decimal("4.5"),
            "turnover": Decimal("84100.5"),
            "balance": Decimal("1000"),
        },
    )
    with override("nl"):
        text = describe(reason)
    assert "25,00 %" in text and "4,50" in text and "€ 84.100,50" in text
    with override("en"):
        assert "(25.00%)" in describe(reason)
    ratio = Reason(
        "oim.standalone_fails",
        {"equity": Decimal("10"), "capital": Decimal("100"), "threshold": Decimal("50"), "ratio": Decimal("0.5")},
    )
    with override("nl"):
        assert "50,00 %" in describe(ratio)


# --- the company page -------------------------------------------------------------------------------------------


@pytest.fixture
def busy_company(company_be, company_nl):
    Holding.objects.create(owner=company_nl, owned=company_be, percent=Decimal("25"), started_on=dt.date(2019, 3, 1))
    DeMinimisAid.objects.create(
        company=company_be, granted_on=dt.date(2024, 2, 1), amount=Decimal("12500.5"), granting_body="VLAIO"
    )
    return company_be


KNOWN_CODES = ("None", "sme ✓", ">sme<", ">core<", "(BE)", "(NL)", "BE211", "not_eligible", "in_difficulty")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_company_page_shows_labels_and_one_number_format(client, users, busy_company, language):
    client.force_login(speak(users["applicant"], language))
    body = client.get(reverse("companies:detail", args=[busy_company.pk])).content.decode()
    for code in KNOWN_CODES:
        assert code not in body, code
    assert "<li></li>" not in body and "<li> </li>" not in body
    if language == "nl":
        assert "Maasdata BV" in body and "25,00 %" in body and "01-02-2024" in body and "€ 12.500,50" in body
        assert "(België)" in body and "01-01-2010" in body
        assert not re.search(r"\d\.\d+ ?%", body), "an English decimal point in a Dutch percentage"
    else:
        assert "25.00%" in body and "1 Feb 2024" in body and "€12,500.50" in body
        assert "(Belgium)" in body and "since 1 Mar 2019" in body and "1 Jan 2010" in body


# --- the import preview -------------------------------------------------------------------------------------------


def test_the_preview_labels_the_errors_and_offers_a_new_upload(client, users):
    from tests.companies.test_import import BAD, GOOD_BE, csv_upload

    client.force_login(speak(users["secretariat"], "en"))
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([GOOD_BE, BAD])})
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert "<strong>Founding date</strong>" in body and "<strong>Enterprise number</strong>" in body
    assert "<strong>founded_on</strong>" not in body and "<strong>enterprise_number</strong>" not in body
    assert "<td>Belgium</td>" in body
    # The next step is right there: a file field posting to the upload.
    assert f'action="{reverse("companies:import_upload")}"' in body and 'type="file"' in body
    again = client.post(reverse("companies:import_upload"), {"file": csv_upload([GOOD_BE])})
    assert again.status_code == 302
    assert client.get(again["Location"]).context["error_count"] == 0


def test_a_preview_without_errors_offers_the_import_not_an_upload(client, users):
    from tests.companies.test_import import GOOD_BE, csv_upload

    client.force_login(speak(users["secretariat"], "en"))
    response = client.post(reverse("companies:import_upload"), {"file": csv_upload([GOOD_BE])})
    body = client.get(response["Location"]).content.decode()
    assert 'type="file"' not in body and "Import all rows" in body


def test_the_upload_page_explains_each_column(client, users):
    client.force_login(speak(users["secretariat"], "en"))
    body = client.get(reverse("companies:import_upload")).content.decode()
    assert "<dt><code>founded_on</code></dt><dd>Founding date</dd>" in body
