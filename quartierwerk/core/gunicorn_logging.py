"""Gunicorn's logger with private-link secrets masked in the access log (deploy/gunicorn.conf.py uses it)."""

from gunicorn.glogging import Logger

from .logmask import mask_secrets


class MaskingLogger(Logger):
    """Every access-log field (request line, path, query, referer, headers) passes through `mask_secrets`."""

    def atoms(self, resp, req, environ, request_time):
        return {
            name: mask_secrets(value) if isinstance(value, str) else value
            for name, value in super().atoms(resp, req, environ, request_time).items()
        }
