# neardup service image (docs/service.md). Build: docker build -t neardup .
# Run:   docker run -p 8080:8080 -v $PWD/models:/opt/neardup/models -v $PWD/index:/opt/neardup/index \
#          -v $PWD/config:/opt/neardup/config -v $PWD/data:/opt/neardup/data neardup
# Stage 1 builds with the Maven wrapper (Maven Central needed at build time only).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY src src
RUN ./mvnw -B -q -Dmaven.test.skip=true package

# Stage 2 runs `neardup serve`. A JDK, not a JRE: Lucene's vector code needs jdk.incubator.vector.
FROM eclipse-temurin:25-jdk
RUN apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/neardup
COPY --from=build /src/target/neardup.jar /opt/neardup/neardup.jar
COPY --from=build /src/target/lib /opt/neardup/lib
COPY config /opt/neardup/config
# OpenCV's native library is unpacked once into /opt/neardup/native (-Dneardup.nativeCache).
# Relative paths in config/neardup.yaml resolve against /opt/neardup (-Dneardup.home):
# models/resnet50.pt, index/, data/ (roots), data/uploads (storage).
VOLUME ["/opt/neardup/models", "/opt/neardup/index", "/opt/neardup/config", "/opt/neardup/data"]
# Inside a container the service must listen on all interfaces to be reachable through -p.
# GOMP_SPINCOUNT: libtorch's OpenMP threads spin 300,000 times (libgomp's default) after each
# parallel region before they sleep, taking the cores the decode workers and the index writer need;
# 10,000 lets them sleep sooner (as bin/neardup does; measured in docs/benchmarks.md, issue 18).
ENV NEARDUP_HOST=0.0.0.0 \
    NEARDUP_PORT=8080 \
    GOMP_SPINCOUNT=10000
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", \
            "-Dai.djl.offline=true", "-Dneardup.home=/opt/neardup", \
            "-Dneardup.nativeCache=/opt/neardup/native", "-jar", "/opt/neardup/neardup.jar"]
CMD ["serve"]
