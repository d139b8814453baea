"""The follow-up fixtures (an approved application whose decision made an agreement) serve the showcase too."""

from tests.grants.conftest import (  # noqa: F401  (fixtures)
    _isolated,
    agreement,
    approve,
    at,
    be_lead,
    call,
    company,
    day,
    funded_application,
    make_application,
    make_eligible,
    nl_partner,
    running,
    set_consensus,
)
