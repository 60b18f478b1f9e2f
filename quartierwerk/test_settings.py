"""Settings for the test suite: the real settings with a fast password hasher and test-friendly mail."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("LANGUAGE_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")

from quartierwerk.settings import *  # noqa: E402,F403
from quartierwerk.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once inside the test process; the outbox itself is tested against the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
import tempfile  # noqa: E402

MEDIA_ROOT = os.environ.get("QW_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="quartierwerk-test-media-")
STORAGES["private"] = {**STORAGES["private"], "OPTIONS": {"location": os.path.join(MEDIA_ROOT, "private")}}
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
