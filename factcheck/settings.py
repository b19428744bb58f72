"""Settings, all read from the environment (see .env.example).

With no environment at all the project runs on embedded defaults: SQLite in WAL mode and a
filesystem Celery broker under ./var, so `make run` needs no servers. DATABASE_URL switches to
PostgreSQL and REDIS_URL (or CELERY_BROKER_URL) to Redis.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import env_bool, env_float, env_int, env_list, env_str, env_url

# Django's generic classes (ModelAdmin, ModelForm, Feed) accept type arguments at run time too.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("FACTCHECK_VAR_DIR", str(BASE_DIR / "var")))
# The embedded defaults keep their database, broker queue and cache here.
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)

_secret = env_str("SECRET_KEY", "")
if not _secret:
    if not DEBUG and env_bool("FACTCHECK_REQUIRE_SECRET_KEY", False):
        raise ImproperlyConfigured("SECRET_KEY must be set in production")
    # A random key per process is safe for local use: sessions just do not survive a restart
    # unless SECRET_KEY is set, which docker-compose and .env.example do.
    _secret = "dev-insecure-" + secrets.token_urlsafe(32)
SECRET_KEY = _secret

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "simple_history",
    "django_celery_results",
    "factcheck",
    "claims",
    "sources",
    "watching",
    "webhooks",
    "desk",
    "django_filters",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "factcheck.middleware.OversizedFormMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"
ASGI_APPLICATION = "factcheck.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "factcheck" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
_database_url = env_url(
    "DATABASE_URL", schemes=frozenset({"postgres", "postgresql", "pgsql", "sqlite"})
)
if _database_url:
    try:
        _database: dict[str, Any] = dict(dj_database_url.parse(_database_url, conn_max_age=60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {exc}") from None
else:
    _database = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "factcheck.sqlite3"}

if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; IMMEDIATE transactions and a busy
    # timeout make writers queue for the lock instead of failing with "database is locked".
    _database["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20, minimum=1),
    }
    # A file (not :memory:) so that a worker process started by a test sees the test database.
    _database["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    _database.setdefault("OPTIONS", {})
    _database["OPTIONS"].setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5))
DATABASES = {"default": _database}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Broker, results and cache ----------------------------------------------------------------
_redis_url = env_url("REDIS_URL", schemes=frozenset({"redis", "rediss"}))
_broker_url = env_url(
    "CELERY_BROKER_URL", schemes=frozenset({"redis", "rediss", "amqp", "filesystem", "memory"})
)
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = _broker_url or _redis_url or "filesystem://"
# The slowest task must finish before Redis hands an unacknowledged message to another worker.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360, minimum=1)
CELERY_VISIBILITY_TIMEOUT = env_int(
    "CELERY_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT * 2, minimum=1
)
if CELERY_TASK_SOFT_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_TASK_SOFT_TIME_LIMIT must be below CELERY_TASK_TIME_LIMIT")
if CELERY_VISIBILITY_TIMEOUT <= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("CELERY_VISIBILITY_TIMEOUT must exceed CELERY_TASK_TIME_LIMIT")
if CELERY_BROKER_URL.startswith("filesystem"):
    for _folder in ("queue", "control"):
        (BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
        # An unreachable broker fails a send in seconds instead of the system's TCP timeout.
        "socket_connect_timeout": env_int("CELERY_BROKER_CONNECT_TIMEOUT", 3, minimum=1),
        # How often a worker looks for messages a dead worker left unacknowledged.
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10, minimum=1),
        "unacked_restore_throttle": env_int("CELERY_UNACKED_RESTORE_THROTTLE", 10, minimum=1),
    }
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
# A message the broker cannot take is given up on after a second (the job's row remembers it
# and recovery sends it again), instead of holding the web request that queued it.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.3,
    "interval_max": 0.5,
}
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True
CELERY_RESULT_EXPIRES = env_int("CELERY_RESULT_EXPIRES", 7 * 24 * 3600, minimum=60)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_HEARTBEAT_INTERVAL = env_int("CELERY_HEARTBEAT_INTERVAL", 60, minimum=1)
# Off everywhere but in unit tests that ask for it: `make run` really uses a worker.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

if _redis_url:
    CACHES = {
        "default": {
            # Django's, reusing its Redis client and carrying on without Redis when it is away
            # (caching/backend.py): public responses are served from this cache.
            "BACKEND": "caching.backend.RedisCache",
            "LOCATION": _redis_url,
            "OPTIONS": {
                "socket_connect_timeout": env_float(
                    "REDIS_CACHE_CONNECT_TIMEOUT", 0.5, minimum=0.01, maximum=60.0
                ),
                "socket_timeout": env_float("REDIS_CACHE_TIMEOUT", 1.0, minimum=0.01, maximum=60.0),
            },
        }
    }
else:
    # Shared by the web process and the worker, unlike the default per-process memory cache.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

# --- Auth, i18n, static -----------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
# Beat's crontab schedules (the morning list's hour) are read in the same zone as the site's.
CELERY_TIMEZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("FACTCHECK_MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

if not DEBUG:
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # One line per HTTP request is noise; fetch failures are logged by the tasks themselves.
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}

FACTCHECK_DEMO_ARTICLE = BASE_DIR / "claims" / "fixtures" / "demo_article.txt"
# Articles longer than this many characters are refused with a clear message.
FACTCHECK_MAX_ARTICLE_CHARS = env_int("FACTCHECK_MAX_ARTICLE_CHARS", 5_000_000, minimum=1000)
# Source fetching (sources/fetching.py): hosts allowed even on private or loopback addresses
# (tests list their local server here), and the limits every fetch runs under.
FACTCHECK_FETCH_ALLOWED_HOSTS = env_list("FACTCHECK_FETCH_ALLOWED_HOSTS", [])
FACTCHECK_FETCH_MAX_BYTES = env_int("FACTCHECK_FETCH_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
FACTCHECK_FETCH_CONNECT_TIMEOUT = env_int("FACTCHECK_FETCH_CONNECT_TIMEOUT", 5, minimum=1)
FACTCHECK_FETCH_READ_TIMEOUT = env_int("FACTCHECK_FETCH_READ_TIMEOUT", 15, minimum=1)
FACTCHECK_FETCH_TOTAL_TIMEOUT = env_int("FACTCHECK_FETCH_TOTAL_TIMEOUT", 30, minimum=1)
FACTCHECK_FETCH_MAX_REDIRECTS = env_int("FACTCHECK_FETCH_MAX_REDIRECTS", 5, minimum=0)
# Webhook deliveries (webhooks/): hosts they may reach on private or loopback addresses (a
# separate list: allowing the fetcher an internal host does not let webhooks post to it), and
# how long one attempt may take, from the lookup to the receiver's answer (seconds).
FACTCHECK_WEBHOOK_ALLOWED_HOSTS = env_list("FACTCHECK_WEBHOOK_ALLOWED_HOSTS", [])
FACTCHECK_WEBHOOK_TIMEOUT = env_int("FACTCHECK_WEBHOOK_TIMEOUT", 10, minimum=1)
# Temporary failures (timeouts, 5xx, a database restart) are retried this many times, waiting
# FACTCHECK_RETRY_BACKOFF seconds, then twice as long each time (at most ten minutes).
FACTCHECK_TASK_RETRIES = env_int("FACTCHECK_TASK_RETRIES", 4, minimum=0)
FACTCHECK_RETRY_BACKOFF = env_int("FACTCHECK_RETRY_BACKOFF", 10, minimum=1)
# Sources not fetched for this many seconds are fetched again by beat (default: a week).
FACTCHECK_SOURCE_MAX_AGE = env_int("FACTCHECK_SOURCE_MAX_AGE", 7 * 24 * 3600, minimum=60)
# Pasted articles arrive as form fields: let a maximal article through (4 bytes a character).
DATA_UPLOAD_MAX_MEMORY_SIZE = FACTCHECK_MAX_ARTICLE_CHARS * 4 + 65536
# Background jobs (jobs/): beat looks for lost jobs this often (seconds). A queued job whose
# message the queue probe proves lost is sent again at once; without a probe (beat stopped, the
# cache unreachable) a job queued this long is presumed lost. A running one is dead once it has
# run past CELERY_TASK_TIME_LIMIT.
FACTCHECK_RECOVERY_INTERVAL = env_int("FACTCHECK_RECOVERY_INTERVAL", 60, minimum=1)
FACTCHECK_LOST_JOB_SECONDS = env_int("FACTCHECK_LOST_JOB_SECONDS", 600, minimum=1)
# Watched outlets (watching/): a poll takes at most this many new entries of a feed (the rest
# wait for the next poll).
FACTCHECK_WATCH_MAX_ENTRIES_PER_POLL = env_int(
    "FACTCHECK_WATCH_MAX_ENTRIES_PER_POLL", 20, minimum=1
)
# The morning list's e-mail goes to its subscribers at this hour (0-23) in TIME_ZONE.
FACTCHECK_DIGEST_HOUR = env_int("FACTCHECK_DIGEST_HOUR", 7, minimum=0)
if FACTCHECK_DIGEST_HOUR > 23:
    raise ImproperlyConfigured("FACTCHECK_DIGEST_HOUR must be an hour, 0 to 23")

# --- Claim matching (claims/matching/) -----------------------------------------------------------
# Scores run from 0 to 1. A match at or above "suggest" is shown to editors; at or above "auto" the
# new claim is linked to the earlier one as its duplicate without asking (editors can undo it).
FACTCHECK_MATCH_SUGGEST_THRESHOLD = env_float(
    "FACTCHECK_MATCH_SUGGEST_THRESHOLD", 0.45, minimum=0.0, maximum=1.0
)
FACTCHECK_MATCH_AUTO_THRESHOLD = env_float(
    "FACTCHECK_MATCH_AUTO_THRESHOLD", 0.80, minimum=0.0, maximum=1.0
)
# A matching task works this many seconds at most, then queues the rest of the article's claims
# behind whatever else waits: a long article never holds a worker for long.
FACTCHECK_MATCH_BATCH_SECONDS = env_int("FACTCHECK_MATCH_BATCH_SECONDS", 20, minimum=1)
# Sentence vectors (all-MiniLM-L6-v2) join the words in judging a match, when the "semantic"
# extra is installed; false keeps matching lexical even then. Each process loads the model once.
FACTCHECK_SEMANTIC_MATCHING = env_bool("FACTCHECK_SEMANTIC_MATCHING", True)
if FACTCHECK_MATCH_AUTO_THRESHOLD < FACTCHECK_MATCH_SUGGEST_THRESHOLD:
    raise ImproperlyConfigured(
        "FACTCHECK_MATCH_AUTO_THRESHOLD must not be below FACTCHECK_MATCH_SUGGEST_THRESHOLD,"
        f" got {FACTCHECK_MATCH_AUTO_THRESHOLD} < {FACTCHECK_MATCH_SUGGEST_THRESHOLD}"
    )

# --- E-mail (repeat alerts, the morning list) -----------------------------------------------------
# The console backend by default: messages are printed by the process that sends them (the
# worker). Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST... for SMTP.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "factcheck <factcheck@localhost>")
# The address the desk is reached at, for links in e-mails (the admin's pages are under it).
FACTCHECK_SITE_URL = env_str("FACTCHECK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Public API and pages (public/) ---------------------------------------------------------
# The publisher named as the author of every ClaimReview.
FACTCHECK_PUBLISHER_NAME = env_str("FACTCHECK_PUBLISHER_NAME", "factcheck")
FACTCHECK_PUBLISHER_URL = env_str("FACTCHECK_PUBLISHER_URL", "")


def _throttle_rate(name: str, default: str) -> str:
    """A DRF rate ("120/minute"), or "" when the variable says off."""
    rate = env_str(name, default)
    if rate.lower() == "off":
        return ""
    if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", rate):
        raise ImproperlyConfigured(f"{name} must look like 120/minute or be off, got {rate!r}")
    return rate


def _trusted_proxies(name: str) -> tuple[int, list[str]]:
    """How many proxies stand in front of the server, or the networks they are in."""
    value = env_str(name, "")
    if not value or value == "0":
        return 0, []
    if value.isdigit():
        return int(value), []
    networks = []
    for item in (part.strip() for part in value.split(",")):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must be a number of proxies or a list of their addresses (10.0.0.0/8,"
                f" 192.0.2.7), got {item!r}"
            ) from None
    return 0, networks


# The proxies (a reverse proxy, a load balancer) whose X-Forwarded-For may be believed: a number
# ("1": one proxy in front) or their addresses or networks. None by default: the connection's own
# address is the client's, which no request header can change.
FACTCHECK_TRUSTED_PROXY_COUNT, FACTCHECK_TRUSTED_PROXY_NETWORKS = _trusted_proxies(
    "FACTCHECK_TRUSTED_PROXIES"
)
# Requests per client address, DRF rate syntax ("120/minute"); "off" turns throttling off.
FACTCHECK_API_ANON_RATE = _throttle_rate("FACTCHECK_API_ANON_RATE", "120/minute")
# The "has this been checked?" endpoint (/api/v1/claims/match) does more work per request.
FACTCHECK_MATCH_ANON_RATE = _throttle_rate("FACTCHECK_MATCH_ANON_RATE", "30/minute")
# How long browsers and shared caches may keep an API response without asking again.
FACTCHECK_API_CACHE_SECONDS = env_int("FACTCHECK_API_CACHE_SECONDS", 60, minimum=0)
# How long the server keeps a rendered public response (API, pages, feed) in the cache; 0: never.
# Any change the public could see discards them all at once (public/versioning.py).
FACTCHECK_PUBLIC_CACHE_SECONDS = env_int("FACTCHECK_PUBLIC_CACHE_SECONDS", 600, minimum=0)
# Each server thread reads the publication version from the database at most this often
# (seconds), so a change reaches every reader within this time; 0: on every request.
FACTCHECK_PUBLIC_VERSION_RECHECK = env_float(
    "FACTCHECK_PUBLIC_VERSION_RECHECK", 1.0, minimum=0.0, maximum=60.0
)
# Anyone may read the API from a browser; nothing else crosses origins.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
SPECTACULAR_SETTINGS = {
    "TITLE": "factcheck public API",
    "DESCRIPTION": "Published fact-checks, the articles they come from and their sources.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page loads its scripts from our own static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set: verdicts appear on claims and on their corrections.
    "ENUM_NAME_OVERRIDES": {
        "VerdictEnum": "claims.verdicts.Verdict",
        "CorrectionKindEnum": "claims.models.CorrectionKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "public.schema.add_error_responses",
    ],
}
# The test suite (tests/testenv.py) turns this on for itself and the servers and workers it
# starts: it makes hundreds of users, and the default hasher's million rounds take half a second
# each. A deployment never sets it.
if env_bool("FACTCHECK_TEST_FAST_PASSWORDS", False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# History pages are a record, not an undo: a revert would save old values past the workflow's
# services and the published-claim lock (a claim back to "published" with an old verdict).
SIMPLE_HISTORY_REVERT_DISABLED = True
# The editor who publishes a fact-check (or a correction of one) must not be the one who ruled
# on it (or proposed it): four eyes; a one-person desk can turn this off.
FACTCHECK_PUBLISH_REQUIRES_SECOND_PERSON = env_bool(
    "FACTCHECK_PUBLISH_REQUIRES_SECOND_PERSON", True
)
