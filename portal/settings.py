"""Settings for Cổng Một Cửa. Everything comes from the environment (see .env.example);
the defaults run the whole portal on one machine with SQLite and an embedded broker."""

import warnings
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# Production unless told otherwise: a forgotten variable must not give a working, insecure portal. `make`
# (run, test, schema...) sets DJANGO_DEBUG=true for development, which also enables the development
# defaults of the secrets below.
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise RuntimeError("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false (production). For development, "
                       "set DJANGO_DEBUG=true, as `make run` and `make test` do.")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "portal",
    "outbox",
    "accounts",
    "units",
    "procedures",
    "hotlines",
    "dossiers",
    "nationalportal",
    "signatures",
    "documents",
    "axis",
    "feedback",
    "payments",
    "notifications",
    "reports",
]
# The demo province (manage.py seed_demo) and the trial-operation simulation (manage.py simulate) are tools
# for development and trials, not parts of a production portal.
if env_bool("DEMO_APPS", DEBUG):
    INSTALLED_APPS += ["demo", "simulation"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.RefuseNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Leaders and admins who logged in with a password reach nothing else until they give their second factor.
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hotlines.context_processors.site",
            ],
        },
    },
]

# Database: PostgreSQL is the database of record; SQLite is the embedded default.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.identity.backend.NationalIdentityBackend",  # VNeID (OpenID Connect): only its callback reaches it
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A password reset link (quên mật khẩu) works for one hour: time enough to open the email on another device,
# short enough that a link left in a mailbox, or forwarded, is soon useless. A link also stops working once
# used, or once the password changes by any other way.
PASSWORD_RESET_TIMEOUT = 60 * 60
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "home"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15) / 60
# Locked by account *and* client address together: five wrong passwords typed elsewhere cannot shut an
# official out of their own counter, and guessing one account's password from one address still stops.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("LOGIN_LOCKOUT_ENABLED", True)

# Internationalisation: Vietnamese by default, English complete.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Dates read 07/12/2026 in Vietnamese and 7 Dec 2026 in English: portal/formats/ decides, for every page.
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (dossier papers, results) go through Django's storage API: local disk under var/ by default
# (never served directly: only permission-checked views read them), or an S3-compatible object store
# shared by every web and worker machine when STORAGE_BACKEND=s3.
_S3 = env_str("STORAGE_BACKEND", "local") == "s3"
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("S3_BUCKET"),
                "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
                "access_key": env_str("S3_ACCESS_KEY"),
                "secret_key": env_str("S3_SECRET_KEY"),
                "region_name": env_str("S3_REGION") or None,
                "default_acl": None,
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if _S3
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media/"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Celery: Redis when REDIS_URL is set, otherwise kombu's filesystem transport under var/,
# so a real worker process runs on a bare machine.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {}
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "broker"),
        "data_folder_out": str(VAR_DIR / "broker"),
        "processed_folder": str(VAR_DIR / "broker-processed"),
        "control_folder": str(VAR_DIR / "broker-control"),
        "store_processed": False,
    }
)
# The queue tasks go to and workers read (tests give each run its own on a shared Redis).
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "celery")
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE: dict = {
    # Keep the working-day calendar seeded ahead (admins then correct Tết to the Government's decision).
    "calendar-seed-ahead": {"task": "units.tasks.calendar_seed_ahead", "schedule": 24 * 3600},
    # The safety net of the NPSP sync: every commit kicks a relay, this one runs anyway.
    "outbox-relay": {"task": "outbox.relay", "schedule": env_int("NPSP_RELAY_EVERY_SECONDS", 5)},
    # Compare with what the NPSP holds and send again what it lacks (nationalportal/reconcile.py).
    # Read each of our organs' mailboxes on the national document axis (axis/receiving.py).
    "axis-pull": {"task": "axis.pull", "schedule": env_int("AXIS_PULL_EVERY_SECONDS", 5)},
    # The axis's directory of organs (versioned in axis.models.Organ), for naming outside recipients.
    "axis-directory": {"task": "axis.directory_sync", "schedule": 24 * 3600},
    "npsp-reconcile": {"task": "nationalportal.reconcile", "schedule": env_int("NPSP_RECONCILE_EVERY_SECONDS", 3600)},
    # A fresh CRL before the last one expires, and reminders of certificates about to expire.
    "signatures-crl-publish": {"task": "signatures.crl_publish", "schedule": 6 * 3600},
    "signatures-expiry-reminders": {"task": "signatures.remind_expiring", "schedule": 24 * 3600},
    # Incoming documents: reminders of handling deadlines (each sent once), and the integrity check of any
    # arrival whose own check did not run.
    "documents-deadline-reminders": {"task": "documents.remind_deadlines", "schedule": 3600},
    "documents-check-arrivals": {"task": "documents.check_arrivals", "schedule": 600},
    # Work files due for deposit in the agency's archive within 30 days (Decree 30/2020, Appendix VI III.5.b).
    "documents-deposit-reminders": {"task": "documents.remind_deposit", "schedule": 24 * 3600},
    # Overdue petitions rise to the agency's leaders, then to the provincial admins (feedback/services/escalation.py).
    # Pending online payments nobody heard about are settled by asking the payment platform (payments/reconcile.py).
    "payments-reconcile": {"task": "payments.reconcile", "schedule": env_int("PAYMENT_RECONCILE_EVERY_SECONDS", 300)},
    "feedback-escalate": {"task": "feedback.escalate", "schedule": env_int("FEEDBACK_ESCALATE_EVERY_SECONDS", 600)},
}
CELERY_TIMEZONE = TIME_ZONE

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "portal.api.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "EXCEPTION_HANDLER": "portal.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cổng Một Cửa API",
    "DESCRIPTION": "Administrative procedures, service centres and dossiers of the province.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "level" with the same values but different labels; name each enum.
    "ENUM_NAME_OVERRIDES": {
        "ProcedureLevelEnum": "procedures.models.ProcedureVersion.Level",
        "CentreLevelEnum": "units.models.ServiceCentre.Level",
        "DossierStateEnum": "dossiers.models.Dossier.State",
        "DossierStepStateEnum": "dossiers.models.DossierStep.State",
        "PaperDeliveryEnum": "dossiers.models.Dossier.PaperDelivery",
        "DocumentStateEnum": "documents.models.Document.State",
        "AssignmentStateEnum": "documents.models.Assignment.State",
        "DocumentChannelEnum": "documents.models.Document.Channel",
        "DocumentCheckEnum": "documents.models.Document.Check",
        "AssignmentRoleEnum": "documents.models.Assignment.Role",
        "DossierChannelEnum": "dossiers.models.Dossier.Channel",
        "WorkFileStateEnum": "documents.models.WorkFile.State",
        "PetitionStateEnum": "feedback.models.Petition.State",
        "PetitionKindEnum": "feedback.models.Petition.Kind",
        "PetitionChannelEnum": "feedback.models.Petition.Channel",
        "PetitionCategoryEnum": "feedback.models.Petition.Category",
        "PetitionClassEnum": "feedback.models.Petition.Klass",
        "PetitionAboutEnum": "feedback.models.Petition.About",
        "PetitionEventKindEnum": "feedback.models.PetitionEvent.Kind",
        "CallOutcomeEnum": "feedback.models.HotlineCall.Outcome",
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@motcua.example.gov.vn")

# Public address of the portal, for links in emails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# Dossier uploads: at most this many megabytes a file and a dossier (PDF, JPEG, PNG, checked by content).
DOSSIER_FILE_MAX_MB = env_int("DOSSIER_FILE_MAX_MB", 10)
DOSSIER_TOTAL_MAX_MB = env_int("DOSSIER_TOTAL_MAX_MB", 50)
DATA_UPLOAD_MAX_MEMORY_SIZE = (DOSSIER_TOTAL_MAX_MB + 5) * 1024 * 1024
# Images larger than this many megapixels are refused: an A4 page scanned at 600 dpi is 35, a phone photo
# 12 to 50; a 200 KB PNG can claim 1,600 (40,000 × 40,000), a decompression bomb for whatever opens it.
DOSSIER_IMAGE_MAX_MEGAPIXELS = env_int("DOSSIER_IMAGE_MAX_MEGAPIXELS", 60)
# Public dossier lookup by code: requests per client address.
DOSSIER_LOOKUP_RATE = env_str("DOSSIER_LOOKUP_RATE", "60/m")
# Attempts at a dossier's second factor (the last four digits of the applicant's CCCD or phone) per dossier
# code, whoever makes them: 10 a day leave 1 chance in 500 a day of guessing one of the two.
DOSSIER_LOOKUP_DIGITS_RATE = env_str("DOSSIER_LOOKUP_DIGITS_RATE", "10/d")
# TrueType faces of the PDF slips and results (portal.fonts): a serif covering Vietnamese, by default
# Liberation Serif (Times New Roman's metrics, Debian fonts-liberation2); Roboto, with a warning, if missing.
_serif = "/usr/share/fonts/truetype/liberation2/LiberationSerif"
PDF_FONT_REGULAR = env_str("PDF_FONT_REGULAR", f"{_serif}-Regular.ttf")
PDF_FONT_BOLD = env_str("PDF_FONT_BOLD", f"{_serif}-Bold.ttf")
PDF_FONT_ITALIC = env_str("PDF_FONT_ITALIC", f"{_serif}-Italic.ttf")
PDF_FONT_BOLD_ITALIC = env_str("PDF_FONT_BOLD_ITALIC", f"{_serif}-BoldItalic.ttf")
# Outgoing official documents drafted in Word: LibreOffice's command (Debian libreoffice-writer-nogui) that
# converts them to PDF, and how many seconds a conversion may take before it is stopped.
DOCUMENTS_SOFFICE = env_str("DOCUMENTS_SOFFICE", "soffice")
DOCUMENTS_CONVERT_TIMEOUT = env_int("DOCUMENTS_CONVERT_TIMEOUT", 60)

# The National Public Service Portal (mocked by `python -m nationalportal.mock`): where it is, the key the
# province signs its requests with, and how the outbox relay batches and retries.
NPSP_URL = env_str("NPSP_URL", "http://127.0.0.1:8001")
NPSP_KEY_ID = env_str("NPSP_KEY_ID", "province-22")
NPSP_SECRET = env_str("NPSP_SECRET", "dev-npsp-secret" if DEBUG else "")
NPSP_TIMEOUT_SECONDS = float(env_str("NPSP_TIMEOUT_SECONDS", "10"))
NPSP_BATCH_SIZE = env_int("NPSP_BATCH_SIZE", 200)
NPSP_MAX_ATTEMPTS = env_int("NPSP_MAX_ATTEMPTS", 30)
NPSP_RETRY_BASE_SECONDS = float(env_str("NPSP_RETRY_BASE_SECONDS", "2"))
NPSP_RETRY_MAX_SECONDS = float(env_str("NPSP_RETRY_MAX_SECONDS", "600"))
NPSP_RECONCILE_DAYS = env_int("NPSP_RECONCILE_DAYS", 2)
# Identity prefill from the national population database: a person waits on the lookup, so it gives up
# fast (manual entry always works), and each user may only ask so often (django-ratelimit "count/period").
NPSP_LOOKUP_TIMEOUT_SECONDS = float(env_str("NPSP_LOOKUP_TIMEOUT_SECONDS", "3"))
NPSP_LOOKUP_RATE = env_str("NPSP_LOOKUP_RATE", "30/h")

# The national payment platform (mocked by `python -m payments.mock`): where it is, the merchant id and secret
# it issued to the province (HMAC-SHA256 of both sides' messages, docs/payments.md), how long the portal waits
# for it, how long a payment page stays valid, and how old a pending payment is before reconciliation asks.
PAYMENT_URL = env_str("PAYMENT_URL", "http://127.0.0.1:8004")
PAYMENT_MERCHANT_ID = env_str("PAYMENT_MERCHANT_ID", "CONGMOTCUA")
PAYMENT_SECRET = env_str("PAYMENT_SECRET", "dev-payment-secret" if DEBUG else "")
PAYMENT_TIMEOUT_SECONDS = float(env_str("PAYMENT_TIMEOUT_SECONDS", "10"))
PAYMENT_EXPIRY_MINUTES = env_int("PAYMENT_EXPIRY_MINUTES", 15)
PAYMENT_RECONCILE_AFTER_SECONDS = env_int("PAYMENT_RECONCILE_AFTER_SECONDS", 120)
# Where citizens' browsers are sent to pay (the CSP's form-action must allow it): PAYMENT_URL's origin by default.
PAYMENT_PAGE_ORIGIN = env_str("PAYMENT_PAGE_ORIGIN", "/".join(PAYMENT_URL.split("/")[:3]))

# The national document axis (mocked by `python -m axis.mock`): where it is, the system id and secret it
# issued to the province, how the outbox relay sends packages and how often our mailboxes are read, and the
# root certificates the other organs' XML signatures must chain to (the mock writes its own to its folder).
AXIS_URL = env_str("AXIS_URL", "http://127.0.0.1:8002")
AXIS_SYSTEM_ID = env_str("AXIS_SYSTEM_ID", "province-22")
AXIS_SECRET = env_str("AXIS_SECRET", "dev-axis-secret" if DEBUG else "")
AXIS_TIMEOUT_SECONDS = float(env_str("AXIS_TIMEOUT_SECONDS", "10"))
AXIS_BATCH_SIZE = env_int("AXIS_BATCH_SIZE", 50)
AXIS_MAX_ATTEMPTS = env_int("AXIS_MAX_ATTEMPTS", 40)
AXIS_RETRY_BASE_SECONDS = float(env_str("AXIS_RETRY_BASE_SECONDS", "2"))
AXIS_RETRY_MAX_SECONDS = float(env_str("AXIS_RETRY_MAX_SECONDS", "600"))
AXIS_MAX_PACKAGE_MB = env_int("AXIS_MAX_PACKAGE_MB", 40)
AXIS_TRUST_ANCHORS = env_str("AXIS_TRUST_ANCHORS", str(VAR_DIR / "axis-mock" / "ca.pem") if DEBUG else "")

# Notifications (notifications/): the SMS brandname gateway (mocked by `python -m notifications.mock.sms`) with
# its API key, secret and registered brandname; SMS_ENCODING unaccented (GSM-7, the telecoms' usual convention
# for brandname SMS) or ucs2 (70 characters a segment, with diacritics); the Zalo ZNS gateway (mocked by
# `python -m notifications.mock.zalo`), its access token and the approved template id of each message kind
# ("key=id,..."); how the sender retries, and when a pending message counts as stuck.
SMS_URL = env_str("SMS_URL", "http://127.0.0.1:8005")
SMS_API_KEY = env_str("SMS_API_KEY", "dev-sms-key")
SMS_SECRET = env_str("SMS_SECRET", "dev-sms-secret" if DEBUG else "")
SMS_BRANDNAME = env_str("SMS_BRANDNAME", "UBND TINH")
SMS_ENCODING = env_str("SMS_ENCODING", "unaccented")
SMS_DELIVERY_REPORT_URL = env_str("SMS_DELIVERY_REPORT_URL", "")  # default: SITE_URL + the portal's path
ZALO_URL = env_str("ZALO_URL", "http://127.0.0.1:8006")
ZALO_ACCESS_TOKEN = env_str("ZALO_ACCESS_TOKEN", "dev-zalo-token" if DEBUG else "")
ZALO_TEMPLATES = env_str("ZALO_TEMPLATES", "dossier=410001,petition=410002")
NOTIFY_TIMEOUT_SECONDS = float(env_str("NOTIFY_TIMEOUT_SECONDS", "10"))
NOTIFY_MAX_RETRIES = env_int("NOTIFY_MAX_RETRIES", 6)
NOTIFY_STUCK_SECONDS = env_int("NOTIFY_STUCK_SECONDS", 300)
CELERY_BEAT_SCHEDULE.update({
    # Pending notifications whose send never ran (broker down at commit): send them again (idempotent).
    "notifications-sweep": {"task": "notifications.sweep", "schedule": env_int("NOTIFY_SWEEP_EVERY_SECONDS", 120)},
    # Officials' due-soon and overdue reminders (each item once a day).
    "notifications-deadlines": {"task": "notifications.deadlines", "schedule": 3600},
})

# The national electronic identity (VNeID) through OpenID Connect (mozilla-django-oidc; mocked by
# `python -m accounts.mock`, docs/national-identity.md). OIDC_OP_URL is where the portal's server reaches
# the provider (token, userinfo, JWKS); OIDC_OP_PUBLIC_URL where citizens' browsers do (login, logout);
# each endpoint can be set on its own for a provider whose paths differ from the mock's.
OIDC_OP_URL = env_str("OIDC_OP_URL", "http://127.0.0.1:8003").rstrip("/")
OIDC_OP_PUBLIC_URL = env_str("OIDC_OP_PUBLIC_URL", OIDC_OP_URL).rstrip("/")
OIDC_OP_ISSUER = env_str("OIDC_OP_ISSUER", OIDC_OP_PUBLIC_URL)
OIDC_OP_DISCOVERY_URL = env_str("OIDC_OP_DISCOVERY_URL", f"{OIDC_OP_URL}/.well-known/openid-configuration")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", f"{OIDC_OP_PUBLIC_URL}/authorize")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", f"{OIDC_OP_URL}/token")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", f"{OIDC_OP_URL}/userinfo")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", f"{OIDC_OP_URL}/jwks")
OIDC_OP_LOGOUT_ENDPOINT = env_str("OIDC_OP_LOGOUT_ENDPOINT", f"{OIDC_OP_PUBLIC_URL}/logout")
OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", "cong-mot-cua")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", "dev-oidc-secret" if DEBUG else "")
# The button shows only where the portal is registered with the provider (a secret is set), unless said.
OIDC_ENABLED = env_bool("OIDC_ENABLED", bool(OIDC_RP_CLIENT_SECRET))
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid profile address phone"
OIDC_USE_NONCE = True
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:identity_callback"
OIDC_VERIFY_SSL = env_bool("OIDC_VERIFY_SSL", True)
# Seconds the token, userinfo and JWKS calls may take; the quick check before sending a citizen there.
OIDC_TIMEOUT = float(env_str("OIDC_TIMEOUT_SECONDS", "5"))
OIDC_CHECK_TIMEOUT = float(env_str("OIDC_CHECK_TIMEOUT_SECONDS", "2"))
# Clock skew tolerated on the ID token's exp and iat.
OIDC_LEEWAY_SECONDS = env_int("OIDC_LEEWAY_SECONDS", 30)
# Starts and returns of a VNeID login per client address (each makes the portal call the provider).
ACCOUNTS_IDENTITY_RATE = env_str("ACCOUNTS_IDENTITY_RATE", "30/m")

# Digital signatures (signatures/): the CA's and the portal's own keys (issuing CA, timestamping, agencies'
# organisation certificates) are stored encrypted under this passphrase; an official's key is encrypted
# under their PIN, strengthened with the pepper, so a copy of the database alone opens nothing.
SIGNATURES_CA_PASSPHRASE = env_str("SIGNATURES_CA_PASSPHRASE", "dev-only-ca-passphrase" if DEBUG else "")
SIGNATURES_TOKEN_PEPPER = env_str("SIGNATURES_TOKEN_PEPPER", "dev-only-token-pepper" if DEBUG else "")
# Names in the CA certificates, how long certificates last, and how strong the keys are.
SIGNATURES_CA_NAME = env_str("SIGNATURES_CA_NAME", "Cổng Một Cửa")
SIGNATURES_CERT_VALIDITY_DAYS = env_int("SIGNATURES_CERT_VALIDITY_DAYS", 730)
SIGNATURES_CA_KEY_BITS = env_int("SIGNATURES_CA_KEY_BITS", 3072)
SIGNATURES_KEY_BITS = env_int("SIGNATURES_KEY_BITS", 2048)
# A CRL is valid this many hours; beat publishes a fresh one well before (and on every revocation).
SIGNATURES_CRL_HOURS = env_int("SIGNATURES_CRL_HOURS", 48)
# Wrong PINs in a row before a token locks (an admin unlocks it).
SIGNATURES_PIN_ATTEMPTS = env_int("SIGNATURES_PIN_ATTEMPTS", 5)
# Days before expiry when holders and admins are reminded.
SIGNATURES_EXPIRY_REMINDER_DAYS = env_int("SIGNATURES_EXPIRY_REMINDER_DAYS", 30)
# Public verification of signed PDFs: largest upload (MB) and uploads per client address.
SIGNATURES_VERIFY_MAX_MB = env_int("SIGNATURES_VERIFY_MAX_MB", 20)
SIGNATURES_VERIFY_RATE = env_str("SIGNATURES_VERIFY_RATE", "30/m")
# When true, a leader without a valid certificate cannot complete the approval step of a dossier.
SIGNATURES_RESULT_REQUIRED = env_bool("SIGNATURES_RESULT_REQUIRED", False)

# pyHanko imports cryptography's DSA names (which it never uses with our RSA keys) at import time.
warnings.filterwarnings("ignore", message="DSA is deprecated", module="pyhanko")

# Working hours of the offices, for deadlines counted in working hours (HH:MM-HH:MM,...).
OFFICE_HOURS = env_str("OFFICE_HOURS", "07:30-11:30,13:00-17:00")
# Name of the province this installation serves (shown in the header).
PROVINCE_NAME = env_str("PROVINCE_NAME", "")
# Upload limit for Excel imports, in megabytes.
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 10)
# Imports with more rows than this run as a Celery task with a progress bar.
IMPORT_ASYNC_ROWS = env_int("IMPORT_ASYNC_ROWS", 200)

RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
# Failed logins per address; registrations that went through per address and per identity number.
ACCOUNTS_LOGIN_RATE = env_str("ACCOUNTS_LOGIN_RATE", "30/m")
ACCOUNTS_REGISTER_NUMBER_RATE = env_str("ACCOUNTS_REGISTER_NUMBER_RATE", "3/h")
ACCOUNTS_REGISTER_RATE = env_str("ACCOUNTS_REGISTER_RATE", "10/h")
# Each reset request may send an email to someone's inbox: few are needed, and a script must not use the
# portal to flood mailboxes.
ACCOUNTS_RESET_RATE = env_str("ACCOUNTS_RESET_RATE", "5/h")
# Password resets asked for one account (by its username or CCCD number, from any address), e-mail and SMS alike.
ACCOUNTS_RESET_ACCOUNT_RATE = env_str("ACCOUNTS_RESET_ACCOUNT_RATE", "3/h")
# Second factor (accounts/two_factor.py): wrong codes per account, on top of django-otp's growing delays; the
# name the authenticator app shows (the admin hides device keys).
ACCOUNTS_SECOND_FACTOR_RATE = env_str("ACCOUNTS_SECOND_FACTOR_RATE", "10/15m")
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Cổng Một Cửa")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Behind a load balancer, the client address comes from X-Forwarded-For (set by the proxy we trust).
RATELIMIT_IP_META_KEY = "portal.net.client_ip" if env_bool("BEHIND_PROXY", False) else None
# The address django-axes locks with: the same as the rate limits' (never a header a client could forge).
AXES_CLIENT_IP_CALLABLE = "portal.net.client_ip" if env_bool("BEHIND_PROXY", False) else "portal.net.remote_addr"

# Production hardening (checked by `manage.py check --deploy`).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response (django-csp): scripts, styles, images and fonts only from the
# portal itself (everything a page needs is served by it), the few inline pieces carry the request's nonce,
# nothing may frame a page, and violations are reported to /csp-report/, which logs them. Uploaded files
# get a stricter policy of their own (sandbox: dossiers/web/documents.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, PAYMENT_PAGE_ORIGIN],  # the pay button sends the browser to the payment platform
        "frame-ancestors": [NONE],
        "report-uri": "/csp-report/",
    },
}
# Logging out of a session that came from VNeID redirects the logout form to the provider's logout page.
if OIDC_OP_LOGOUT_ENDPOINT.startswith(("https://", "http://")):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append("/".join(OIDC_OP_LOGOUT_ENDPOINT.split("/")[:3]))
# Reports kept per client address and minute (a page with a violation reports on every view).
CSP_REPORT_RATE = env_str("CSP_REPORT_RATE", "30/m")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors": {"()": "portal.logfilters.ClientErrorsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # fontTools reports every glyph it subsets while fpdf2 embeds a font: noise, one screen per slip.
    # pyHanko warns on every signature that it may not fetch revocation data: we give it our CRLs ourselves.
    # pyHanko also logs every failed certificate check with its traceback; the verification report says why.
    # A 4xx (a 403 from PermissionDenied, say) is one warning line, without the traceback Django adds.
    "loggers": {"django.request": {"filters": ["client_errors"]}, "fontTools": {"level": "WARNING"},
                "pyhanko.sign.signers.pdf_signer": {"level": "ERROR"},
                "pyhanko.sign.validation.generic_cms": {"level": "ERROR"}},
}

AXES_VERBOSE = False

# Phản ánh, kiến nghị (feedback/): the national PAKN system's deadlines in working days, the handling time when
# the admin set none for a category, the reopening window, escalation, attachments and the public form's limit.
FEEDBACK_REFUSE_DAYS = env_int("FEEDBACK_REFUSE_DAYS", 2)
FEEDBACK_INTAKE_DAYS = env_int("FEEDBACK_INTAKE_DAYS", 5)
FEEDBACK_HANDLING_DAYS = env_int("FEEDBACK_HANDLING_DAYS", 15)
FEEDBACK_PUBLISH_DAYS = env_int("FEEDBACK_PUBLISH_DAYS", 2)
FEEDBACK_REOPEN_DAYS = env_int("FEEDBACK_REOPEN_DAYS", 30)
FEEDBACK_MAX_REOPENS = 1
FEEDBACK_ESCALATE_ADMIN_DAYS = env_int("FEEDBACK_ESCALATE_ADMIN_DAYS", 2)
FEEDBACK_MAX_FILES = env_int("FEEDBACK_MAX_FILES", 5)
# The agency that receives petitions the portal cannot route (an electronic code; empty: the provincial centre's).
FEEDBACK_RECEIVING_AGENCY = env_str("FEEDBACK_RECEIVING_AGENCY", "")
# Petitions accepted from one address (only those that pass the form's checks count: typos cost nothing).
FEEDBACK_SUBMIT_RATE = env_str("FEEDBACK_SUBMIT_RATE", "20/h")
# Tracking a petition by its code: lookups per client address, and attempts at its phone number (which show
# the petition's content and answer) per petition code, whoever makes them.
FEEDBACK_LOOKUP_RATE = env_str("FEEDBACK_LOOKUP_RATE", "60/m")
FEEDBACK_PHONE_RATE = env_str("FEEDBACK_PHONE_RATE", "10/d")

# Reports (reports/): the Decision 766 indicators read facts kept current by this beat task from the dossiers'
# events (reports/indicators/refresh.py); the figures lag the events by at most this interval.
CELERY_BEAT_SCHEDULE.update({
    "reports-refresh-facts": {"task": "reports.refresh_facts",
                              "schedule": env_int("REPORTS_REFRESH_EVERY_SECONDS", 30)},
})

# The daily progress report to the provincial People's Committee (reports/daily/): built every working day at
# REPORTS_DAILY_HOUR:REPORTS_DAILY_MINUTE (the beat runs daily; the task skips rest days and holidays of the
# working-day calendar), issued by REPORTS_DAILY_AGENCY (an electronic code; empty: the Office of the provincial
# People's Committee), e-mailed to REPORTS_DAILY_RECIPIENTS (empty: the admins and the leaders who may read it),
# and registered as an outgoing document draft of the issuing office unless REPORTS_DAILY_AS_DOCUMENT is false.
REPORTS_DAILY_HOUR = env_int("REPORTS_DAILY_HOUR", 17)
REPORTS_DAILY_MINUTE = env_int("REPORTS_DAILY_MINUTE", 0)
REPORTS_DAILY_AGENCY = env_str("REPORTS_DAILY_AGENCY", "")
REPORTS_DAILY_RECIPIENTS = env_list("REPORTS_DAILY_RECIPIENTS", [])
REPORTS_DAILY_AS_DOCUMENT = env_bool("REPORTS_DAILY_AS_DOCUMENT", True)
CELERY_BEAT_SCHEDULE["reports-daily"] = {
    "task": "reports.daily_report",
    "schedule": crontab(hour=REPORTS_DAILY_HOUR, minute=REPORTS_DAILY_MINUTE),
}
