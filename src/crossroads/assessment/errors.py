class AssessmentError(Exception):
    """A refused step, with a message for the user (already translated)."""
