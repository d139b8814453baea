"""The matching engine: pure Python + numpy, no Django. Finds complementary partners across the border and
says why. `MatchEngine` holds the in-memory index; encoders turn text into vectors."""

from .encoders import Encoder, default_encoder
from .index import MatchEngine
from .types import Filters, Match, MatchProfile, ProfileVectors, Reason

__all__ = ["Encoder", "Filters", "Match", "MatchEngine", "MatchProfile", "ProfileVectors", "Reason", "default_encoder"]
