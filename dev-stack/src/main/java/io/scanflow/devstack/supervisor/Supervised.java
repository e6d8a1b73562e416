package io.scanflow.devstack.supervisor;

import java.util.Optional;

/** Something the supervisor keeps running: a service, the Kafka broker, PostgreSQL. */
public interface Supervised {
  /** Its name in logs and in the status ({@code reports-sink}, {@code kafka}, {@code postgres}). */
  String name();

  /** The pid of its current process; -1 if there is none. */
  long pid();

  /**
   * Why it is not running although nobody asked it to stop, e.g. "exited with code 137"; empty
   * while it runs and after a requested stop.
   */
  Optional<String> unexpectedExit();

  /** Starts it again, on the same ports and data. */
  void restart() throws Exception;
}
