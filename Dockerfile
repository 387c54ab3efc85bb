# One image recipe for every service (built after `mvn -DskipTests package`); docker-compose.yml builds each
# service's own image from it with SERVICE and PORT, e.g.
#   docker build --build-arg SERVICE=gateway-service --build-arg PORT=8080 -t mockfactory/gateway-service .
FROM eclipse-temurin:17-jre
ARG SERVICE
ARG PORT=8080
WORKDIR /app
COPY ${SERVICE}/target/lib/ lib/
COPY ${SERVICE}/target/${SERVICE}.jar service.jar
ENV MICRONAUT_SERVER_PORT=${PORT}
EXPOSE ${PORT}
# No curl in the JRE image: the kit's HealthProbe exits 0 only on a 200 from /health
HEALTHCHECK --interval=10s --timeout=8s --start-period=60s --retries=6 \
  CMD java -cp "service.jar:lib/*" io.mockfactory.kit.process.HealthProbe "http://localhost:${MICRONAUT_SERVER_PORT}/health"
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+UseSerialGC", "-jar", "service.jar"]
