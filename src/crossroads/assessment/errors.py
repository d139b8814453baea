from crossroads.core.errors import ServiceError


class AssessmentError(ServiceError):
    """A refused step of the assessment, with a message for the user (already translated)."""
