package io.scanflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one dev stack run needs: where the repo and {@code .scanflow/} are, the ports, the class
 * path of the broker, and extra configuration handed to every service as environment variables.
 *
 * @param scale how many brokers and instances of each service ({@code --brokers}, {@code
 *     --instances})
 * @param bind where the services and Kafka's client listener listen ({@code --bind})
 * @param fastUnsafeDatabase PostgreSQL without fsync and synchronous commit ({@code
 *     --fast-unsafe-db}): a crash of it can lose rows the sink has already acknowledged
 */
public record DevStackConfig(
    Path repoRoot,
    StackHome home,
    StackPorts ports,
    StackScale scale,
    BindAddress bind,
    boolean clean,
    boolean fastUnsafeDatabase,
    String classpath,
    Map<String, String> serviceEnv) {

  public DevStackConfig {
    serviceEnv = Map.copyOf(serviceEnv);
  }

  /** The defaults for a repo checkout: {@code .scanflow/} at its root, the default ports. */
  public static DevStackConfig forRepo(Path repoRoot) {
    Path root = repoRoot.toAbsolutePath().normalize();
    return new DevStackConfig(
        root,
        new StackHome(root.resolve(StackHome.DEFAULT_DIR)),
        StackPorts.defaults(),
        StackScale.SINGLE,
        BindAddress.LOOPBACK,
        false,
        false,
        classpathOf(root),
        Map.of());
  }

  public DevStackConfig withHome(Path home) {
    return new DevStackConfig(
        repoRoot,
        new StackHome(home),
        ports,
        scale,
        bind,
        clean,
        fastUnsafeDatabase,
        classpath,
        serviceEnv);
  }

  public DevStackConfig withPorts(StackPorts ports) {
    return new DevStackConfig(
        repoRoot, home, ports, scale, bind, clean, fastUnsafeDatabase, classpath, serviceEnv);
  }

  public DevStackConfig withScale(StackScale scale) {
    return new DevStackConfig(
        repoRoot, home, ports, scale, bind, clean, fastUnsafeDatabase, classpath, serviceEnv);
  }

  public DevStackConfig withBind(BindAddress bind) {
    return new DevStackConfig(
        repoRoot, home, ports, scale, bind, clean, fastUnsafeDatabase, classpath, serviceEnv);
  }

  public DevStackConfig withClean(boolean clean) {
    return new DevStackConfig(
        repoRoot, home, ports, scale, bind, clean, fastUnsafeDatabase, classpath, serviceEnv);
  }

  public DevStackConfig withFastUnsafeDatabase(boolean fastUnsafeDatabase) {
    return new DevStackConfig(
        repoRoot, home, ports, scale, bind, clean, fastUnsafeDatabase, classpath, serviceEnv);
  }

  /** Adds an environment variable for every service, e.g. a short pending timeout in tests. */
  public DevStackConfig withServiceEnv(String name, String value) {
    Map<String, String> env = new LinkedHashMap<>(serviceEnv);
    env.put(name, value);
    return new DevStackConfig(
        repoRoot, home, ports, scale, bind, clean, fastUnsafeDatabase, classpath, env);
  }

  public Path serviceJar(String module) {
    return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /**
   * The dev-stack jar plus its runtime class path as written by the build ({@code
   * dev-stack/target/classpath.txt}); it holds the Kafka broker's jars.
   */
  static String classpathOf(Path repoRoot) {
    Path target = repoRoot.resolve("dev-stack/target");
    Path file = target.resolve("classpath.txt");
    try {
      if (!Files.exists(file)) {
        throw new IllegalStateException(
            file + " is missing: build the dev stack first (./mvnw install -pl dev-stack -am)");
      }
      return target.resolve("classes") + java.io.File.pathSeparator + Files.readString(file).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
