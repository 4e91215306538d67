"""Settings, read from environment variables.

With DEBUG=1 and nothing else set (as `make run` and the tests do), the project runs embedded:
SQLite, Celery tasks in-process, e-mail printed to the console. DEBUG is off unless set, and
then SECRET_KEY is required; production also sets DATABASE_URL, REDIS_URL, EMAIL_URL and
ALLOWED_HOSTS (README lists every variable).
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

# Off unless set: `make run`, `make test` and the test suite (impact_socials/dev_settings.py)
# turn it on. Without DEBUG the site refuses to start on the development key.
DEBUG = env.bool("DEBUG", default=False)
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY if DEBUG else "")
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value of your own: with DEBUG off the development "
        "key (or none) would let anyone forge sessions and password-reset links. "
        "For a local run set DEBUG=1."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SITE_NAME = "Impact Socials"
SITE_CURRENCY = env.str("SITE_CURRENCY", default="USD")

INSTALLED_APPS = [
    "directory.curation.apps.CurationAdminConfig",  # django.contrib.admin, curators' site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_countries",
    "django_filters",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "directory",
    "matching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "impact_socials.security.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, reading the signed-in person from the cache (directory/accounts/signed_in.py).
    "directory.accounts.signed_in.AuthenticationMiddleware",
    "directory.accounts.language.SavedLanguageMiddleware",
    "directory.accounts.time_zone.ReaderTimeZoneMiddleware",
    "impact_socials.security.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "impact_socials.accounts.StaffSecondFactorMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

# How many proxies in front of the app append to X-Forwarded-For. 0: the client address is
# REMOTE_ADDR and the header is ignored. Every rate limit (allauth, django-ratelimit, DRF) reads
# the address through impact_socials.security.client_ip, which follows this setting.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Rate limits on posting listings (django-ratelimit; counted in the shared cache).
RATELIMIT_VIEW = "directory.common.errors.rate_limited"
RATELIMIT_IP_META_KEY = "impact_socials.security.client_ip"
LISTING_POST_RATE = env.str("LISTING_POST_RATE", default="30/h")
# Expensive answers, per person and per address (directory/common/limits.py): the signed-in
# match preview, and the CSV exports of the site and of the API (one counter for both).
PREVIEW_RATE = env.str("PREVIEW_RATE", default="60/m")
EXPORT_RATE = env.str("EXPORT_RATE", default="10/h")
# The most rows one CSV export holds; a longer list ends with a line saying it was cut.
EXPORT_MAX_ROWS = env.int("EXPORT_MAX_ROWS", default=5000)
# Introduction requests a nonprofit may send in 24 hours (engagement/introductions.py); they are
# also rate-limited per person and address, at LISTING_POST_RATE.
INTRODUCTION_DAILY_CAP = env.int("INTRODUCTION_DAILY_CAP", default=10)

# Security headers. Production (DEBUG=0) also forces HTTPS: `manage.py check --deploy` is clean.
# https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

ROOT_URLCONF = "impact_socials.urls"
WSGI_APPLICATION = "impact_socials.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "directory.accounts.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # Fails soft: with Redis down pages still render and forms still save (impact_socials/cache.py).
    CACHES = {
        "default": {"BACKEND": "impact_socials.cache.TolerantRedisCache", "LOCATION": REDIS_URL}
    }
    # A signed-in page reads its session from Redis, not the database (bench/web.py); the
    # database keeps every session, so an evicted or unreachable cache only costs a query.
    # Django's cached_db, reading the signed-in person along (directory/accounts/sessions.py).
    SESSION_ENGINE = "directory.accounts.sessions"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Embedded runs are one process, so a local-memory cache counts rate limits correctly.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]


def in_process(location: str, entries: int) -> dict:
    """A cache each process keeps in its own memory, of at most ``entries`` entries."""
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": location,
        "OPTIONS": {"MAX_ENTRIES": entries},
    }


# The page around the list pages' content, kept by each process (directory/listings/page_frame.py).
CACHES["page_frames"] = in_process("page-frames", 2000)
# A copy of the shared list fragments this process used (directory/listings/page_cache.py).
CACHES["process_fragments"] = in_process("process-fragments", 300)
# Pieces of those fragments (filter fields, taxonomy terms, result cards), each kept under the
# listings stamp it was drawn under (page_cache.kept_under_stamp): about 1 kB each.
CACHES["process_pieces"] = in_process("process-pieces", 5000)
# Where the sign-in and posting counters go while Redis is down (impact_socials/cache.py).
CACHES["rate_limits"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "rate_limit_counters",
}

AUTH_USER_MODEL = "directory.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: https://docs.allauth.org/en/latest/account/configuration.html
ACCOUNT_ADAPTER = "impact_socials.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "directory.accounts.signup.SignupForm"
ACCOUNT_FORMS = {"login": "directory.accounts.forms.LoginForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# Login throttling and sign-up limits; the counters live in the cache (Redis in production).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# Second factor (allauth.mfa): an authenticator app (TOTP), with recovery codes. With
# STAFF_REQUIRE_MFA on, staff and superusers set one up before the admin opens
# (impact_socials/accounts.py); on unless DEBUG is.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
STAFF_REQUIRE_MFA = env.bool("STAFF_REQUIRE_MFA", default=not DEBUG)

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Impact Socials <hello@impactsocials.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people write to the team; shown on the contact page (impact_socials/pages.py).
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="hello@impactsocials.org")
# Digest e-mails (notifications/digests.py): the subject starts with DIGEST_SUBJECT; mail apps'
# "Unsubscribe" buttons may write to DIGEST_UNSUBSCRIBE_EMAIL instead of following the link.
DIGEST_SUBJECT = env.str("DIGEST_SUBJECT", default=f"Your {SITE_NAME} digest")
DIGEST_FROM_EMAIL = env.str("DIGEST_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
DIGEST_UNSUBSCRIBE_EMAIL = env.str(
    "DIGEST_UNSUBSCRIBE_EMAIL", default="unsubscribe@impactsocials.org"
)

# English and Hindi (docs/configuration.md#languages). A person's choice is kept in a cookie and,
# once signed in, on their account (directory/accounts/language.py); else the browser's
# Accept-Language decides. English dates read day first (d/m/Y), as in India and Britain.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("hi", "हिन्दी")]
# locale_third_party: translations for installed packages that have none in Hindi (the
# country names of django-countries), generated by `manage.py country_names_hi`.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_third_party"]
FORMAT_MODULE_PATH = ["impact_socials.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Celery: https://docs.celeryq.dev/en/stable/userguide/configuration.html
# Without REDIS_URL, tasks run in-process so the embedded set-up needs no broker.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
# Longer than the longest task and any retry wait, so Redis never redelivers a running task.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=2 * 60 * 60)
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The stored match index (matching/snapshots.py, docs/matching.md): where the snapshots are
# kept (a directory every web and worker process can read; the workers write it); up to how
# many offerings a process still builds its own index for previews (above it, previews only
# load snapshots); how many seconds a rebuild waits after a change, gathering the changes
# that follow; and after how many seconds a snapshot is rebuilt even if no change was seen.
MATCH_INDEX_DIR = env.path("MATCH_INDEX_DIR", default=BASE_DIR / "var" / "match-index")
MATCH_INDEX_IN_PROCESS_MAX = env.int("MATCH_INDEX_IN_PROCESS_MAX", default=2000)
MATCH_INDEX_DEBOUNCE = env.int("MATCH_INDEX_DEBOUNCE", default=30)
MATCH_INDEX_MAX_AGE = env.int("MATCH_INDEX_MAX_AGE", default=15 * 60)
# How often the outbox is swept, and how long an unsent task waits before the sweep sends it
# again (directory/outbox/delivery.py).
OUTBOX_SWEEP = timedelta(seconds=env.int("OUTBOX_SWEEP_SECONDS", default=60))
# Periodic tasks, each safe to run twice (two beat processes, a redelivery): digests are claimed
# once per period, listings before their reminder goes out, introduction requests with a
# conditional UPDATE before e-mailing. Times are UTC.
DAILY_TASKS = {  # name: (task, hour, minute)
    "nightly-full-rematch": ("matching.tasks.rematch_all", 2, 30),
    "daily-freshness-reminders": ("directory.listings.tasks.send_freshness_reminders", 8, 15),
    "daily-feedback-requests": ("directory.engagement.tasks.ask_for_feedback", 9, 45),
    # Each event's agenda the day before (docs/events.md); an event is claimed before sending.
    "daily-event-agendas": ("directory.events.tasks.send_agendas", 6, 30),
}
HOURLY_TASKS = {  # name: (task, minute past the hour)
    # A safety rebuild of the stored match index (changes behind the signals' back).
    "hourly-match-index": ("matching.tasks.build_match_index", 40),
    "hourly-digests": ("directory.notifications.tasks.send_due_digests", 0),
    "hourly-introduction-expiry": ("directory.engagement.tasks.expire_introductions", 20),
    "hourly-event-proposals": ("directory.events.tasks.propose_when_registration_closes", 10),
}
CELERY_BEAT_SCHEDULE = {
    # Claims each unsent row before sending it, so two sweeps never send one twice.
    "outbox-sweep": {
        "task": "directory.outbox.tasks.sweep_outbox",
        "schedule": OUTBOX_SWEEP,
        "options": {"expires": OUTBOX_SWEEP.total_seconds()},
    },
    **{
        name: {"task": task, "schedule": crontab(hour=hour, minute=minute)}
        for name, (task, hour, minute) in DAILY_TASKS.items()
    },
    **{
        name: {"task": task, "schedule": crontab(minute=minute)}
        for name, (task, minute) in HOURLY_TASKS.items()
    },
}

# Django REST framework: https://www.django-rest-framework.org/api-guide/settings/
# Token first, so a request without credentials gets a 401 that names the scheme to use.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # DRF's throttles, identifying clients by impact_socials.security.client_ip.
    "DEFAULT_THROTTLE_CLASSES": [
        "impact_socials.security.AnonRateThrottle",
        "impact_socials.security.UserRateThrottle",
    ],
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="30/minute"),
        "user": env.str("API_USER_RATE", default="300/minute"),
        "api_token": env.str("API_TOKEN_RATE", default="10/minute"),
    },
    # JSON refusing NUL characters and deep nesting with 400 (impact_socials/security.py).
    "DEFAULT_PARSER_CLASSES": [
        "impact_socials.security.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # "Not found." for a missing listing, in the reader's language (directory/api/errors.py).
    "EXCEPTION_HANDLER": "directory.api.errors.exception_handler",
}
# OpenAPI schema at /api/schema/: https://drf-spectacular.readthedocs.io/en/latest/settings.html
SPECTACULAR_SETTINGS = {
    "TITLE": "Impact Socials API",
    "DESCRIPTION": "Nonprofits' technology needs, tech providers' offerings and their matches. "
    "Reading is open to everyone (rate-limited); members write their own organisation's "
    "listings with a token from POST /api/auth/token/.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Separate read and write shapes, so generated clients do not send read-only fields.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from our own static files: the CSP allows no other origin.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Every country field shares one list of codes.
    "ENUM_NAME_OVERRIDES": {
        "CountryEnum": "directory.api.serializers.country_choices",
        # Two choice sets share the field name "status": each keeps a name of its own.
        "StatusEnum": "directory.listings.models.Moderation",
        "IntroductionStatusEnum": "directory.engagement.models.Introduction.Status",
        # So do "kind" (an organisation's, an offering's).
        "OfferingKindEnum": "directory.listings.models.offering_choices.OfferingKind",
        "OrganisationKindEnum": "directory.listings.models.Organisation.Kind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "directory.api.schema.unique_enum_values",
    ],
}

FORMS_URLFIELD_ASSUME_HTTPS = True
PAGE_SIZE = 20
# How long signed-out visitors may be shown a stored list page; edits retire stored pages at
# once, this bounds what edits cannot (directory/listings/page_cache.py). 0 turns the cache off.
LIST_PAGE_CACHE_SECONDS = env.int("LIST_PAGE_CACHE_SECONDS", default=60)
COUNTRIES_FIRST = ["KE", "UG", "NG", "IN", "BD", "GB", "US"]
COUNTRIES_FIRST_REPEAT = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# A bare view at /bench/minimal/ so bench/web.py can measure the stack without the app.
BENCH_MINIMAL_VIEW = env.bool("BENCH_MINIMAL_VIEW", default=False)
