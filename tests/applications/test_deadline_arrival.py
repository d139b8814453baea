"""The deadline is decided on the time a submission arrived when a trusted TLS proxy stamps it
(REQUEST_START_HEADER), so a submission that reached the server before 17:00:00 and waited in the web server's queue
is not refused; the stamp is believed only a few seconds into the past, so it cannot be forged into an early one."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from crossroads.applications.models import ApplicationStatus, Submission
from crossroads.core import clock

pytestmark = pytest.mark.django_db


def stamp(moment: dt.datetime) -> str:
    """What nginx sends with proxy_set_header X-Request-Start "t=${msec}"."""
    return f"t={moment.timestamp():.3f}"


def submit_at(client, application, users, *, now: dt.datetime, header: str | None):  # type: ignore[no-untyped-def]
    client.force_login(users["applicant"])
    extra = {"HTTP_X_REQUEST_START": header} if header is not None else {}
    with mock.patch("crossroads.core.clock.now", return_value=now.astimezone(dt.UTC)):
        response = client.post(
            reverse("applications:submit", args=[application.pk]), {"idempotency_key": "deadline-1"}, **extra
        )
    application.refresh_from_db()
    return response, [str(m) for m in get_messages(response.wsgi_request)]


def test_a_submission_that_arrived_before_the_deadline_is_accepted_when_the_proxy_stamp_is_trusted(
    client, ready, users, settings
):
    settings.REQUEST_START_HEADER = "X-Request-Start"
    application = ready["application"]
    closes = application.call.closes_at
    arrived = closes - dt.timedelta(seconds=0.5)  # 16:59:59.5, processed at 17:00:02 after waiting in the queue
    response, messages = submit_at(
        client, application, users, now=closes + dt.timedelta(seconds=2), header=stamp(arrived)
    )
    assert response.status_code == 302
    assert application.status == ApplicationStatus.SUBMITTED
    submission = Submission.objects.get(application=application)
    assert abs(submission.submitted_at - arrived) < dt.timedelta(milliseconds=2)  # the receipt says 16:59:59
    assert "16:59:59" in messages[0]


def test_the_same_request_is_refused_when_no_proxy_stamp_is_configured(client, ready, users, settings):
    settings.REQUEST_START_HEADER = ""
    application = ready["application"]
    closes = application.call.closes_at
    _response, messages = submit_at(
        client,
        application,
        users,
        now=closes + dt.timedelta(seconds=2),
        header=stamp(closes - dt.timedelta(seconds=0.5)),  # sent by the client itself: not believed
    )
    assert application.status == ApplicationStatus.DRAFT and not Submission.objects.exists()
    assert any("17:00" in m for m in messages)  # "the call closed at ... 17:00"


@pytest.mark.parametrize(
    "header",
    [
        "t=%.3f",  # an hour before: bounded to 10 s before now, still after the deadline
        "%.0f000",  # the same in milliseconds
    ],
)
def test_a_stamp_far_in_the_past_is_bounded_and_refused(client, ready, users, settings, header):
    settings.REQUEST_START_HEADER = "X-Request-Start"
    application = ready["application"]
    closes = application.call.closes_at
    forged = (closes - dt.timedelta(hours=1)).timestamp()
    submit_at(client, application, users, now=closes + dt.timedelta(seconds=12), header=header % forged)
    assert application.status == ApplicationStatus.DRAFT and not Submission.objects.exists()


@pytest.mark.parametrize("header", ["", "t=", "t=abc", "t=1e3", "t=nan", "t=-5", "t=1.2.3", "t=٣", "9" * 40])
def test_a_malformed_stamp_counts_as_now(client, ready, users, settings, header):
    settings.REQUEST_START_HEADER = "X-Request-Start"
    application = ready["application"]
    closes = application.call.closes_at
    response, _messages = submit_at(client, application, users, now=closes + dt.timedelta(seconds=1), header=header)
    assert response.status_code == 302  # never a 500
    assert application.status == ApplicationStatus.DRAFT and not Submission.objects.exists()


def test_the_arrival_is_never_later_than_now_and_never_more_than_the_allowed_wait_before_it():
    now = dt.datetime(2026, 4, 17, 15, 0, 2, tzinfo=dt.UTC)
    future = now + dt.timedelta(minutes=5)
    assert clock.bounded_arrival(future, now, 10) == now
    assert clock.bounded_arrival(now - dt.timedelta(hours=1), now, 10) == now - dt.timedelta(seconds=10)
    assert clock.bounded_arrival(now - dt.timedelta(seconds=3), now, 10) == now - dt.timedelta(seconds=3)
    assert clock.bounded_arrival(None, now, 10) == now
    assert clock.parse_request_start("t=1776438002.250") == dt.datetime(2026, 4, 17, 15, 0, 2, 250000, tzinfo=dt.UTC)
    assert clock.parse_request_start("1776438002250000") == dt.datetime(2026, 4, 17, 15, 0, 2, 250000, tzinfo=dt.UTC)
