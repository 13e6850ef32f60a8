# AutoPR.Service image. The service is published self-contained for linux-x64 before the build
# (ImageBuilder / DockerBuild does it); the context is the repository root, filtered by
# .dockerignore down to that publish output. Classic builder compatible (no BuildKit syntax).
#
#   dotnet publish src/AutoPR.Service -c Release -r linux-x64 --self-contained -o artifacts/publish/service
#   docker build --build-arg BASE_IMAGE=autopr/runtime-deps:bookworm --build-arg REVISION=$(git rev-parse HEAD) .

# Official .NET runtime-deps image; locally and in tests: autopr/runtime-deps:bookworm (see BaseImage).
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/runtime-deps:10.0
FROM ${BASE_IMAGE}

WORKDIR /app
COPY artifacts/publish/service/ /app/

# Non-root: the base images' `app` user (APP_UID 1654 in the official and the local image).
USER 1654:1654
ENV PORT=8000 \
    ASPNETCORE_HTTP_PORTS=8000
EXPOSE 8000
# The service probes its own /health: the image needs no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
    CMD ["/app/AutoPR.Service", "healthcheck"]
ENTRYPOINT ["/app/AutoPR.Service"]

# Per-revision metadata last, so the layers above stay cached from one revision to the next.
ARG REVISION=unknown VERSION=0.0.0-local CREATED=1970-01-01T00:00:00Z SOURCE=unknown IMAGE_TAG=unknown
LABEL org.opencontainers.image.title="autopr" \
      org.opencontainers.image.description="AutoPR web service" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="${SOURCE}"
ENV AUTOPR_REVISION=${REVISION} \
    AUTOPR_VERSION=${VERSION} \
    AUTOPR_IMAGE_TAG=${IMAGE_TAG}
