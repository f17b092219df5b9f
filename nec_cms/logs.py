"""Logging filters for settings.LOGGING, read while logging is configured: nothing here may
import Django's models or the app registry."""


def not_unavailable(record):
    """Not the 503 of a request that found the database away (nec_cms.views.server_error):
    visitors and the health probe are told, the team need not get a mail per request."""
    return getattr(record, "status_code", None) != 503
