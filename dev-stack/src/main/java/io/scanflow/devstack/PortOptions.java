package io.scanflow.devstack;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --*-port} options of {@code ./scanflow}; their defaults are {@link StackPorts}'. */
final class PortOptions {
  private static final StackPorts DEFAULTS = StackPorts.defaults();

  @Option(
      names = "--ingest-port",
      paramLabel = "PORT",
      converter = PortNumber.class,
      description = {"ingest-api (and the admin API)", "  Default: ${DEFAULT-VALUE}"})
  int ingest = DEFAULTS.ingest();

  @Option(
      names = "--reports-port",
      paramLabel = "PORT",
      converter = PortNumber.class,
      description = {"reports-sink (reports API and dashboard)", "  Default: ${DEFAULT-VALUE}"})
  int reports = DEFAULTS.reports();

  @Option(
      names = "--dedupe-port",
      paramLabel = "PORT",
      converter = PortNumber.class,
      description = {"dedupe-stream", "  Default: ${DEFAULT-VALUE}"})
  int dedupe = DEFAULTS.dedupe();

  @Option(
      names = "--attribution-port",
      paramLabel = "PORT",
      converter = PortNumber.class,
      description = {"attribution-stream", "  Default: ${DEFAULT-VALUE}"})
  int attribution = DEFAULTS.attribution();

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      converter = PortNumber.class,
      description = {"Kafka broker (clients)", "  Default: ${DEFAULT-VALUE}"})
  int kafka = DEFAULTS.kafka();

  @Option(
      names = "--kafka-controller-port",
      paramLabel = "PORT",
      converter = PortNumber.class,
      description = {"Kafka's controller (the broker only)", "  Default: ${DEFAULT-VALUE}"})
  int kafkaController = DEFAULTS.kafkaController();

  @Option(
      names = "--postgres-port",
      paramLabel = "PORT",
      converter = PortNumber.class,
      description = {"PostgreSQL", "  Default: ${DEFAULT-VALUE}"})
  int postgres = DEFAULTS.postgres();

  @Option(
      names = "--control-port",
      paramLabel = "PORT",
      converter = PortNumber.class,
      description = {
        "supervisor control endpoint used by ./scanflow replay",
        "  Default: ${DEFAULT-VALUE}"
      })
  int control = DEFAULTS.control();

  StackPorts ports() {
    return new StackPorts(
        ingest, reports, dedupe, attribution, kafka, kafkaController, postgres, control);
  }

  /** A TCP port: 1 to 65535. */
  static final class PortNumber implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      try {
        int port = Integer.parseInt(value.trim());
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException notANumber) {
        // the same answer as for a number out of range
      }
      throw new TypeConversionException("must be a port number (1-65535), not '" + value + "'");
    }
  }
}
