# The code location image (also run as the webserver and the daemon): Python 3.11, a Rust
# toolchain, and this repo installed editable so the code finds sql/ beside the package and
# maturin puts the converter binary on PATH.
FROM python:3.11-slim

RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*
RUN curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
ENV PATH=/root/.cargo/bin:$PATH

WORKDIR /opt/dagster/app
COPY . .
RUN pip install --no-cache-dir -e . && discogs-xml-converter --help > /dev/null

# The deployment's instance settings are deploy/dagster.yaml.
ENV DAGSTER_HOME=/opt/dagster/app/deploy
EXPOSE 3000 4000
CMD ["dagster", "code-server", "start", "-h", "0.0.0.0", "-p", "4000", "-m", "discogs_cache_assets.definitions"]
