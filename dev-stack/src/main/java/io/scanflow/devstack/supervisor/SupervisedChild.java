package io.scanflow.devstack.supervisor;

import io.scanflow.devstack.process.ChildProcess;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A child process of the supervisor (a service, the broker), looked up afresh on every check: a
 * replay or a restart replaces the process behind the name.
 */
public final class SupervisedChild implements Supervised {
  private final String name;
  private final Supplier<ChildProcess> current;
  private final Callable<?> restart;

  /**
   * @param current the process now running under this name; null while it is stopped on purpose
   * @param restart starts a new process and makes it the current one
   */
  public SupervisedChild(String name, Supplier<ChildProcess> current, Callable<?> restart) {
    this.name = name;
    this.current = current;
    this.restart = restart;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long pid() {
    ChildProcess process = current.get();
    return process == null ? -1 : process.pid();
  }

  @Override
  public Optional<String> unexpectedExit() {
    ChildProcess process = current.get();
    if (process == null || process.isAlive() || process.stopRequested()) {
      return Optional.empty();
    }
    return Optional.of("exited with code " + process.exitCode());
  }

  @Override
  public void restart() throws Exception {
    restart.call();
  }
}
