# One image recipe for both Java services; docker-compose passes the module and its port.
# Build context: the repository root (the services are built by the Maven reactor).

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl "${MODULE}" -am package \
 && cp "${MODULE}"/target/"${MODULE}"-*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
ARG PORT
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
COPY --from=build /app.jar /app/app.jar
USER 10001:10001
EXPOSE ${PORT}
# The JVM takes its heap from the container's memory limit.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
