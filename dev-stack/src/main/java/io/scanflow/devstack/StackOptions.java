package io.scanflow.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of {@code ./scanflow up} and {@code ./scanflow replay}: one dev stack's config. */
final class StackOptions {
  @Mixin DevStackCli.HelpOption help;

  @Option(
      names = "--clean",
      description = "start with empty data (topics, tables, state, demo site)")
  boolean clean;

  @Option(
      names = "--fast-unsafe-db",
      description = {
        "PostgreSQL without fsync and synchronous commit: faster, but a crash of it can lose rows"
            + " whose events were acknowledged"
      })
  boolean fastUnsafeDatabase;

  @Option(
      names = "--home",
      paramLabel = "DIR",
      defaultValue = StackHome.DEFAULT_DIR,
      description = {"logs, data and dev-stack.json", "  Default: ${DEFAULT-VALUE}"})
  Path home;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = BindAddress.LOOPBACK_HOST,
      converter = Ipv4.class,
      description = {
        "address the four services and Kafka listen on. 0.0.0.0 or an address of this machine"
            + " makes them (and Kafka, which has no authentication here) reachable from other"
            + " machines. PostgreSQL and the control endpoint stay on 127.0.0.1.",
        "  Default: ${DEFAULT-VALUE}"
      })
  BindAddress bind;

  @Option(
      names = "--brokers",
      paramLabel = "N",
      defaultValue = "1",
      converter = Count.class,
      description = {
        "Kafka brokers (KRaft, each also a controller). With 3, every topic has 3 replicas and"
            + " min.insync.replicas 2: one broker may die without losing or refusing anything."
            + " Broker n listens on --kafka-port + 100*(n-1).",
        "  Default: ${DEFAULT-VALUE}"
      })
  int brokers;

  @Option(
      names = "--instances",
      paramLabel = "N",
      defaultValue = "1",
      converter = Count.class,
      description = {
        "processes of each of the four services; instance n listens on its --*-port +"
            + " 100*(n-1) (ingest-api on 8080 and 8180). dev-stack.json lists them all.",
        "  Default: ${DEFAULT-VALUE}"
      })
  int instances;

  @Mixin PortOptions ports;

  @Option(
      names = "--set",
      paramLabel = "NAME=VALUE",
      description = {
        "extra environment variable for every service, repeatable"
            + " (e.g. --set=SCANFLOW_ATTRIBUTION_PENDING_TIMEOUT=5s)"
      })
  Map<String, String> serviceEnv = new LinkedHashMap<>();

  /** The config these options describe, with relative paths taken from {@code workingDir}. */
  DevStackConfig config(Path workingDir) {
    DevStackConfig config =
        DevStackConfig.forRepo(workingDir)
            .withHome(workingDir.resolve(home))
            .withBind(bind)
            .withClean(clean)
            .withFastUnsafeDatabase(fastUnsafeDatabase)
            .withPorts(ports.ports())
            .withScale(scale());
    for (Map.Entry<String, String> variable : serviceEnv.entrySet()) {
      config = config.withServiceEnv(variable.getKey(), variable.getValue());
    }
    return config;
  }

  private StackScale scale() {
    return new StackScale(brokers, instances);
  }

  /** A number of brokers or instances: 1 to {@link StackScale#MAX}. */
  static final class Count implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int count = Integer.parseInt(value.trim());
        if (count >= 1 && count <= StackScale.MAX) {
          return count;
        }
      } catch (NumberFormatException notANumber) {
        // the same answer as for a number out of range
      }
      throw new TypeConversionException(
          "must be a number from 1 to " + StackScale.MAX + ", not '" + value + "'");
    }
  }

  /** {@link BindAddress}'s own check, reported as a bad option value rather than a crash. */
  static final class Ipv4 implements ITypeConverter<BindAddress> {
    @Override
    public BindAddress convert(String value) {
      try {
        return new BindAddress(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
