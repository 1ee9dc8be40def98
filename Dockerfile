# syntax=docker/dockerfile:1

# One image recipe for every PayGate service; the module name is the only difference:
#   docker build --build-arg SERVICE=payment-service -t paygate/payment-service .
# Services: api-gateway, payment-service, merchant-service, acquirer-piggybank-service, piggybank-simulator,
# acquirer-lionbank-service, lionbank-simulator, webhook-service.
# Needs BuildKit (the default builder of Docker Engine 23+ and of `docker compose`).

FROM maven:3.9-eclipse-temurin-25 AS build
ARG SERVICE
WORKDIR /workspace
# The whole reactor is copied because Maven reads every module's pom even with -pl;
# .dockerignore keeps build output, VCS data and secrets out of the context.
COPY . .
# The cache mount keeps the Maven repository between builds without baking it into a layer.
# "locked": compose builds all services at once, and Maven's local repository is not safe for
# concurrent writers (it also keeps two cores from running five Maven builds side by side).
# extract writes app.jar plus lib/ split into the jar's layers (dependencies, spring-boot-loader,
# snapshot-dependencies, application); our own modules land in the application layer.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    : "${SERVICE:?build with --build-arg SERVICE=<module directory>}" \
 && mvn -B -q -pl "$SERVICE" -am -DskipTests package \
 && java -Djarmode=tools -jar "$SERVICE/target/$SERVICE.jar" \
        extract --layers --application-filename app.jar --destination /workspace/extracted

FROM eclipse-temurin:25-jre
ARG SERVICE
LABEL org.opencontainers.image.title="paygate-${SERVICE}" \
      org.opencontainers.image.description="PayGate ${SERVICE}"
# curl serves the container health checks: the base image ships neither curl nor wget, and the
# gateway's check speaks HTTPS, which bash's /dev/tcp cannot. The fixed uid/gid lets volumes
# (the gateway keystore) be owned by the service user and lets Kubernetes verify runAsNonRoot.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 paygate \
 && useradd --system --uid 10001 --gid paygate --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin paygate
WORKDIR /app
# Least to most often changed, one image layer each, so a code change ships only the last one.
# --link makes each layer independent of those below it: a new base image or curl update reuses
# (and pushes) the jar layers unchanged. Files stay root-owned: the service cannot change its code.
COPY --link --from=build /workspace/extracted/dependencies/ ./
COPY --link --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --link --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --link --from=build /workspace/extracted/application/ ./
USER 10001:10001
# Exec form: java is PID 1 and gets docker stop's SIGTERM, so Spring's graceful shutdown runs.
# Heap at 60 % of the container limit leaves room for metaspace, code cache, thread stacks and
# Netty's direct buffers (a 512M limit gives ~300M heap). G1 explicitly: below 2 CPUs or ~1.8G the
# JVM would silently pick Serial GC, whose full collections pause every request.
# ExitOnOutOfMemoryError: a JVM that ran out of memory is restarted rather than left half-working.
# The extracted app.jar names lib/*.jar in its manifest (Boot 4's recommended launch, AOT-cache ready).
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-jar", "app.jar"]
