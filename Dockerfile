# One image per service, from one Dockerfile: build with --target parties|screening|disclosure|gateway.
#   docker build --target gateway -t research-screening/gateway .
# Every target runs as a non-root user and writes nothing outside /tmp, so it runs with a
# read-only root filesystem. Migrations: any target runs `python -m common.migrate <service>`.
ARG PYTHON_VERSION=3.11

# The matching engine's hot modules compiled with mypyc (setup.py), in place beside their
# source; only this stage has a C compiler.
FROM python:${PYTHON_VERSION}-slim AS compiled
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml setup.py ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['build-system']['requires']))" > /tmp/build-requirements.txt \
    && pip install --no-cache-dir -r /tmp/build-requirements.txt
COPY common ./common
COPY services ./services
RUN python setup.py build_ext --inplace && rm -rf build

FROM python:${PYTHON_VERSION}-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
# Dependencies first (from pyproject.toml only), so code changes reuse this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt \
    && useradd --uid 10001 --no-create-home --shell /usr/sbin/nologin app
COPY --from=compiled /src/common ./common
COPY --from=compiled /src/services ./services
COPY --from=compiled /src/*__mypyc*.so ./
COPY gateway ./gateway
USER 10001:10001
ENV LOG_LEVEL=INFO

FROM base AS parties
ENV PARTIES_HOST=0.0.0.0 PARTIES_PORT=8001 LISTS_DIR=/data/lists
EXPOSE 8001
HEALTHCHECK --interval=15s --timeout=5s --start-period=600s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8001/healthz', timeout=4)"]
CMD ["python", "-m", "services.parties"]

FROM base AS screening
ENV SCREENING_HOST=0.0.0.0 SCREENING_PORT=8002
EXPOSE 8002
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8002/healthz', timeout=4)"]
CMD ["python", "-m", "services.screening"]

FROM base AS disclosure
ENV DISCLOSURE_HOST=0.0.0.0 DISCLOSURE_PORT=8003
EXPOSE 8003
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8003/healthz', timeout=4)"]
CMD ["python", "-m", "services.disclosure"]

FROM base AS gateway
ENV GATEWAY_HOST=0.0.0.0 GATEWAY_PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["python", "-m", "gateway"]
