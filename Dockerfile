# Build: ./mvnw package in a JDK image; run: the fast-jar on a JRE 21 image as a non-root user.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
RUN ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:21-jre
WORKDIR /deployments
RUN groupadd --system forsa && useradd --system --gid forsa --uid 10001 forsa
COPY --from=build --chown=forsa:forsa /build/target/quarkus-app/ /deployments/
USER 10001
EXPOSE 8080
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
