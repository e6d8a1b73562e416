package io.scanflow.devstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The few options of {@code ./scanflow}: each as {@code --name=value} or env {@code
 * SCANFLOW_DEV_NAME}.
 */
final class CommandLine {
  static final String USAGE =
      """
      Usage: ./scanflow up [options]       start Kafka, PostgreSQL and the four services
             ./scanflow replay [options]   rebuild all derived state from the retained topics

      Options (or environment variables SCANFLOW_DEV_<NAME>, e.g. SCANFLOW_DEV_INGEST_PORT=18080):
        --clean                     start with empty data (topics, tables, state, demo site)
        --fast-unsafe-db            PostgreSQL without fsync and synchronous commit: faster, but
                                    a crash of it can lose rows whose events were acknowledged
        --home=DIR                  where logs, data and dev-stack.json go (default .scanflow)
        --bind=127.0.0.1            address the four services and Kafka listen on; 0.0.0.0 or
                                    an address of this machine makes them (and Kafka, which has
                                    no authentication here) reachable from other machines.
                                    PostgreSQL and the control endpoint stay on 127.0.0.1
        --ingest-port=8080          ingest-api (and the admin API)
        --reports-port=8081         reports-sink (reports API and dashboard)
        --dedupe-port=8082          dedupe-stream
        --attribution-port=8083     attribution-stream
        --kafka-port=9092           Kafka broker (clients)
        --kafka-controller-port=9093
        --postgres-port=15432
        --control-port=8089         supervisor control endpoint used by ./scanflow replay
        --set=NAME=VALUE            extra environment variable for every service, repeatable
                                    (e.g. --set=SCANFLOW_ATTRIBUTION_PENDING_TIMEOUT=5s)
      """;

  private static final List<String> PORT_OPTIONS =
      List.of(
          "ingest-port",
          "reports-port",
          "dedupe-port",
          "attribution-port",
          "kafka-port",
          "kafka-controller-port",
          "postgres-port",
          "control-port");

  private static final List<String> FLAGS = List.of("clean", "fast-unsafe-db");

  private static final List<String> VALUES = List.of("home", "bind");

  private CommandLine() {}

  static DevStackConfig parse(String[] args, Map<String, String> env, Path workingDir) {
    Function<String, String> option = name -> value(args, env, name);
    DevStackConfig config = DevStackConfig.forRepo(workingDir);
    if (option.apply("home") != null) {
      config = config.withHome(workingDir.resolve(option.apply("home")));
    }
    if (option.apply("bind") != null) {
      config = config.withBind(new BindAddress(option.apply("bind")));
    }
    StackPorts d = StackPorts.defaults();
    config =
        config
            .withClean(flag(option, "clean"))
            .withFastUnsafeDatabase(flag(option, "fast-unsafe-db"))
            .withPorts(
                new StackPorts(
                    port(option, "ingest-port", d.ingest()),
                    port(option, "reports-port", d.reports()),
                    port(option, "dedupe-port", d.dedupe()),
                    port(option, "attribution-port", d.attribution()),
                    port(option, "kafka-port", d.kafka()),
                    port(option, "kafka-controller-port", d.kafkaController()),
                    port(option, "postgres-port", d.postgres()),
                    port(option, "control-port", d.control())));
    for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
      if (arg.startsWith("--set=") && arg.indexOf('=', 6) > 6) {
        int eq = arg.indexOf('=', 6);
        config = config.withServiceEnv(arg.substring(6, eq), arg.substring(eq + 1));
      } else if (!isKnown(arg)) {
        throw new IllegalArgumentException("Unknown option " + arg);
      }
    }
    return config;
  }

  private static boolean isKnown(String arg) {
    String name = arg.replaceFirst("^--", "").replaceFirst("=.*$", "");
    return arg.startsWith("--")
        && (PORT_OPTIONS.contains(name) || FLAGS.contains(name) || VALUES.contains(name));
  }

  private static String value(String[] args, Map<String, String> env, String name) {
    for (String arg : args) {
      if (arg.equals("--" + name)) {
        if (!FLAGS.contains(name)) {
          throw new IllegalArgumentException(
              "--" + name + " needs a value: --" + name + "=VALUE (see --help)");
        }
        return "true";
      }
      if (arg.startsWith("--" + name + "=")) {
        return arg.substring(name.length() + 3);
      }
    }
    return env.get("SCANFLOW_DEV_" + name.toUpperCase().replace('-', '_'));
  }

  /** Set by {@code --name}, or by its environment variable unless that says {@code false}. */
  private static boolean flag(Function<String, String> option, String name) {
    String value = option.apply(name);
    return value != null && !value.equalsIgnoreCase("false");
  }

  private static int port(Function<String, String> option, String name, int fallback) {
    String value = option.apply(name);
    if (value == null) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a port number, not " + value);
    }
  }
}
