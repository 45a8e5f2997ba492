# Sanctum Chronicler: one image, one process per container (see docker-compose.yml).
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY requirements.txt constraints.txt ./
RUN pip install -r requirements.txt -c constraints.txt

COPY pyproject.toml README.md ./
COPY chronicler ./chronicler
RUN pip install --no-deps . \
    && useradd --create-home --uid 10001 chronicler \
    && mkdir -p /app/data /app/exports \
    && chown -R chronicler:chronicler /app/data /app/exports

USER chronicler

ENV APP_ENV=production \
    API_HOST=0.0.0.0 \
    API_PORT=8080 \
    DATA_DIR=/app/data \
    EXPORT_PATH=/app/exports

EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8080/health', timeout=4).status == 200 else 1)"

ENTRYPOINT ["chronicler"]
CMD ["api"]
