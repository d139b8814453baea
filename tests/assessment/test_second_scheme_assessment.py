"""A second scheme (a German-Dutch one) assigns assessors by its own countries: the assignment takes the countries
from the programme, not from a default of Belgium and the Netherlands (issue 11, section 4)."""

from __future__ import annotations

import pytest
from django.utils import translation

from crossroads.assessment.errors import AssessmentError
from crossroads.assessment.models import Assignment
from crossroads.assessment.services import assignment as services

from .conftest import company, make_application, make_assessor, make_eligible

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_dutch(call, application, users):  # type: ignore[no-untyped-def]
    """The call's programme becomes a German-Dutch scheme; two eligible applications, two assessors each."""
    programme = call.programme
    programme.countries = ["DE", "NL"]
    programme.save()
    call.assessors_per_application = 2
    call.save()
    second = make_application(
        call,
        company("Leiewater NV", "BE", user=users["applicant"]),
        company("Twentechip BV", "NL"),
        title="Chips aan de Leie",
    )
    return [make_eligible(application), make_eligible(second)]


def test_the_proposal_takes_one_assessor_from_each_of_the_programmes_countries(call, german_dutch, users):
    for n in range(2):
        make_assessor(f"be{n}@assessors-be.example", "BE")
        make_assessor(f"de{n}@assessors-de.example", "DE")
        make_assessor(f"nl{n}@assessors-nl.example", "NL")
    services.assignment_propose(actor=users["secretariat"], call=call)
    for application in german_dutch:
        countries = {
            a.assessor.assessor_profile.country
            for a in Assignment.objects.filter(application=application).select_related("assessor__assessor_profile")
        }
        assert countries == {"DE", "NL"}
    assert services.assignment_check(call) == []


def test_a_pool_without_german_assessors_is_refused_in_words(call, german_dutch, users):
    for n in range(2):
        make_assessor(f"be{n}@assessors-be.example", "BE")
        make_assessor(f"nl{n}@assessors-nl.example", "NL")
    with translation.override("en"), pytest.raises(AssessmentError) as raised:
        services.assignment_propose(actor=users["secretariat"], call=call)
    assert "DE" in str(raised.value)
    assert not Assignment.objects.exists()
