# syntax=docker/dockerfile:1
# Forsa production image: built from the repository alone with `docker build -t forsa:TAG .`
# Stage 1 builds the Quarkus fast-jar with the Maven wrapper; stage 2 runs it on a JRE 21 as a
# non-root user. No HEALTHCHECK: Kubernetes probes /q/health/{started,live,ready} (see k8s/).

FROM eclipse-temurin:21-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
# Dependencies first, so that a source change does not download them again (cache mount kept by BuildKit).
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline || true
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B package -DskipTests

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 forsa && useradd --system --uid 10001 --gid forsa --no-create-home forsa
WORKDIR /deployments
# The fast-jar layout, least changing first: libraries, then the application. Owned by root and
# read-only for the user that runs it.
COPY --from=build /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /build/target/quarkus-app/*.jar /deployments/
COPY --from=build /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build /build/target/quarkus-app/quarkus/ /deployments/quarkus/
# Numeric user, so that Kubernetes can check runAsNonRoot.
USER 10001:10001
EXPOSE 8080
# Heap = 70% of the container's memory limit; the rest (~300 MiB of the 1 GiB limit in k8s/) holds
# metaspace, code cache, GC structures, threads and direct buffers (measured ~200 MiB under load).
# Exit on OutOfMemoryError so that Kubernetes restarts the pod rather than letting it limp.
# Override or extend with JAVA_OPTS / JAVA_OPTS_APPEND.
ENV JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=50 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    JAVA_OPTS_APPEND=""
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar"]
