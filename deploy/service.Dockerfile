# One image recipe for both Java services; docker-compose passes the module and its port.
# Build context: the repository root (the services are built by the Maven reactor; ../.dockerignore keeps
# build output, node_modules, the local stack's data, .git and .env out of it).

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
# The runnable jar split into Spring Boot's layers: application.jar with its lib/ spread over dependencies,
# spring-boot-loader, snapshot-dependencies and application (what changes most).
RUN ./mvnw -B -q -DskipTests -pl "${MODULE}" -am package \
 && cp "${MODULE}"/target/"${MODULE}"-*-exec.jar /app.jar \
 && java -Djarmode=tools -jar /app.jar extract --layers --destination /layers

FROM eclipse-temurin:17-jre
ARG PORT
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --no-create-home app
WORKDIR /app
# One image layer per jar layer, the least changing first: a rebuild after a code change ships the last one
# alone, and the third-party jars stay cached on the hosts that run the image.
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
EXPOSE ${PORT}
# The JVM takes its heap from the container's memory limit.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
