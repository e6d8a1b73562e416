package io.scanflow.devstack;

/**
 * How many Kafka brokers and how many processes of each service the dev stack runs ({@code
 * --brokers}, {@code --instances}). Broker or instance {@code n} (from 1) listens on the first
 * one's port + 100 × (n − 1): with the defaults, ingest-api on 8080 and 8180, Kafka on 9092, 9192,
 * 9292.
 */
public record StackScale(int brokers, int instances) {
  public static final int MAX = 5;
  public static final int PORT_STEP = 100;

  /** One broker, one instance of everything: {@code ./scanflow up}. */
  public static final StackScale SINGLE = new StackScale(1, 1);

  public StackScale {
    if (brokers < 1 || brokers > MAX || instances < 1 || instances > MAX) {
      throw new IllegalArgumentException(
          "brokers and instances must be 1 to " + MAX + ", not " + brokers + " and " + instances);
    }
  }

  /** The port of broker or instance {@code n} (from 1), given the first one's. */
  public static int port(int first, int n) {
    return first + PORT_STEP * (n - 1);
  }

  /** Replication factor of every topic: 3 when there are 3 brokers or more. */
  public short replicationFactor() {
    return (short) Math.min(3, brokers);
  }

  /** {@code min.insync.replicas}: 2 when topics have 3 replicas, so one broker may be down. */
  public int minInsyncReplicas() {
    return Math.min(2, replicationFactor());
  }

  /** The name of broker or instance {@code n} in logs and status: {@code name}, {@code name-2}. */
  public static String name(String base, int n) {
    return n == 1 ? base : base + "-" + n;
  }
}
