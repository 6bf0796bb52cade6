# The portal's image for docker-compose.yml (web, worker and beat run the same image).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    # Run from the source tree, so templates/, static/ and locale/ sit beside the packages (BASE_DIR).
    PYTHONPATH=/app

# The serif of the PDF slips (Decree 30/2020: Times New Roman or a metric twin covering Vietnamese), as
# scripts/system-deps.sh installs it for development and CI (portal.fonts); LibreOffice (headless, no GUI)
# converts Word drafts of outgoing official documents to PDF (documents.convert); cairo rasterises the
# reports' charts for their PDFs (reports.charts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-liberation2 libreoffice-writer-nogui libcairo2 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . .
# Every dependency ships a manylinux wheel (psycopg2-binary, argon2-cffi, cryptography): no compiler.
RUN pip install .

# Translations and static files are built into the image; the key is only for these two commands.
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=build-only python manage.py compiletranslations \
 && DJANGO_DEBUG=false DJANGO_SECRET_KEY=build-only python manage.py collectstatic --noinput

RUN useradd --system --uid 1000 --home-dir /app portal && mkdir -p /app/var && chown portal /app/var
USER portal
VOLUME ["/app/var"]
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
