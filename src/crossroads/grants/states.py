"""State tables of the follow-up. Services move a record only through these (`move`, or `check` before a
conditional UPDATE); nothing else assigns a status.

- agreement: offered -> running (every partner accepted) -> closing (the end date passed) -> closed (final
  settlement paid or recovered); offered or running -> terminated (the grant is given up or withdrawn).
- report: draft -> submitted -> accepted, or returned -> submitted again.
- claim: draft -> submitted -> verified (finance decided every line) -> approved (a second person approved the
  payment); submitted -> returned -> submitted; verified -> submitted (verification reopened before approval).
- payment: proposed -> approved -> ordered -> paid or returned; returned -> approved (ordered again after the
  account was corrected); proposed or approved -> cancelled. A recovery: to_recover -> recovered or cancelled.
- bank account: pending -> active or refused; active -> superseded.
- amendment: requested -> approved, rejected or withdrawn.
- budget version: proposed -> approved or rejected; approved -> superseded.
"""

from __future__ import annotations

from crossroads.core.transitions import StateMachine

from .models import (
    AgreementStatus,
    AmendmentStatus,
    BankAccountStatus,
    ClaimStatus,
    PaymentStatus,
    ReportStatus,
    VersionStatus,
)

A, R, C, P = AgreementStatus, ReportStatus, ClaimStatus, PaymentStatus

AGREEMENT_STATES = StateMachine.of(
    "agreement",
    AgreementStatus,
    {
        A.OFFERED: {A.RUNNING, A.TERMINATED},
        A.RUNNING: {A.CLOSING, A.TERMINATED},
        A.CLOSING: {A.CLOSED},
    },
)

REPORT_STATES = StateMachine.of(
    "report",
    ReportStatus,
    {R.DRAFT: {R.SUBMITTED}, R.SUBMITTED: {R.ACCEPTED, R.RETURNED}, R.RETURNED: {R.SUBMITTED}},
)

CLAIM_STATES = StateMachine.of(
    "claim",
    ClaimStatus,
    {
        C.DRAFT: {C.SUBMITTED},
        C.SUBMITTED: {C.VERIFIED, C.RETURNED},
        C.RETURNED: {C.SUBMITTED},
        C.VERIFIED: {C.APPROVED, C.SUBMITTED},
    },
)

PAYMENT_STATES = StateMachine.of(
    "payment",
    PaymentStatus,
    {
        P.PROPOSED: {P.APPROVED, P.CANCELLED},
        P.APPROVED: {P.ORDERED, P.CANCELLED},
        P.ORDERED: {P.PAID, P.RETURNED},
        P.RETURNED: {P.APPROVED, P.CANCELLED},
        P.RECOVERY_REQUESTED: {P.RECOVERED, P.CANCELLED},
    },
)

BANK_ACCOUNT_STATES = StateMachine.of(
    "bank account",
    BankAccountStatus,
    {
        BankAccountStatus.PENDING: {BankAccountStatus.ACTIVE, BankAccountStatus.REFUSED},
        BankAccountStatus.ACTIVE: {BankAccountStatus.SUPERSEDED},
    },
)

AMENDMENT_STATES = StateMachine.of(
    "amendment",
    AmendmentStatus,
    {
        AmendmentStatus.REQUESTED: {
            AmendmentStatus.APPROVED,
            AmendmentStatus.REJECTED,
            AmendmentStatus.WITHDRAWN,
        }
    },
)

VERSION_STATES = StateMachine.of(
    "budget version",
    VersionStatus,
    {
        VersionStatus.PROPOSED: {VersionStatus.APPROVED, VersionStatus.REJECTED},
        VersionStatus.APPROVED: {VersionStatus.SUPERSEDED},
    },
)
