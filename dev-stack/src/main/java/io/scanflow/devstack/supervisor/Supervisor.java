package io.scanflow.devstack.supervisor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scanflow.devstack.supervisor.RestartPolicy.Decision;
import io.scanflow.devstack.supervisor.RestartPolicy.GiveUp;
import io.scanflow.devstack.supervisor.RestartPolicy.Restart;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Restarts what dies: one scheduled thread checks every second whether each {@link Supervised}
 * still runs, and restarts one that exited on its own according to its {@link RestartPolicy}. Each
 * exit and restart is printed; the counts are in {@link #status()}. Checks and restarts run on that
 * one thread, so a process is never restarted twice at once.
 */
public final class Supervisor implements AutoCloseable {
  private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  /** How long {@link #close()} waits for a restart under way (a broker or PostgreSQL start). */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(150);

  private final Consumer<String> console;
  private final Supplier<RestartPolicy> policies;
  private final Duration checkInterval;
  private final Map<String, Watch> watches = new ConcurrentHashMap<>();
  private final List<String> order = new ArrayList<>();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "scanflow-supervisor");
            thread.setDaemon(true);
            return thread;
          });

  /** Prints to {@code console}, with the standard policy. */
  public Supervisor(Consumer<String> console) {
    this(console, RestartPolicy::standard, CHECK_INTERVAL);
  }

  Supervisor(Consumer<String> console, Supplier<RestartPolicy> policies, Duration checkInterval) {
    this.console = console;
    this.policies = policies;
    this.checkInterval = checkInterval;
  }

  /** Starts watching {@code targets}, which run now; called once. */
  public synchronized void supervise(List<? extends Supervised> targets) {
    if (!order.isEmpty()) {
      throw new IllegalStateException("Already supervising " + order);
    }
    Instant now = Instant.now();
    for (Supervised target : targets) {
      watches.put(target.name(), new Watch(target, policies.get(), now));
      order.add(target.name());
    }
    long millis = checkInterval.toMillis();
    executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** What each supervised process is doing, in the order they were added. */
  public synchronized List<Status> status() {
    return order.stream().map(name -> watches.get(name).status()).toList();
  }

  /** How many times {@code name} was restarted so far. */
  public int restarts(String name) {
    Watch watch = watches.get(name);
    return watch == null ? 0 : watch.restarts;
  }

  /**
   * Stops watching: nothing is restarted after this returns, and a restart under way has finished,
   * so the caller can stop every process it knows of.
   */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        console.accept("  the supervisor's restart under way did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void check() {
    for (Watch watch : watches.values()) {
      if (watch.state == State.RUNNING) {
        watch.target.unexpectedExit().ifPresent(why -> onExit(watch, why));
      }
    }
  }

  private void onExit(Watch watch, String why) {
    Instant now = Instant.now();
    Decision decision = watch.policy.onExit(now, Duration.between(watch.startedAt, now));
    watch.lastExit = why + " at " + now.truncatedTo(ChronoUnit.SECONDS);
    String name = watch.target.name();
    if (decision instanceof Restart restart) {
      watch.state = State.RESTARTING;
      watch.restarts = restart.number();
      print(
          "%s %s; restarting in %s (restart %d)",
          name, why, seconds(restart.delay()), restart.number());
      executor.schedule(() -> restart(watch), restart.delay().toMillis(), TimeUnit.MILLISECONDS);
    } else if (decision instanceof GiveUp giveUp) {
      watch.state = State.GIVEN_UP;
      print(
          "%s %s (%d exits within %s): not restarting it again. Find the cause in its log,"
              + " then restart the stack (Ctrl-C, ./scanflow up)",
          name, why, giveUp.exits(), seconds(giveUp.window()));
    }
  }

  private void restart(Watch watch) {
    try {
      watch.target.restart();
      watch.startedAt = Instant.now();
      watch.state = State.RUNNING;
      print("%s restarted (pid %d)", watch.target.name(), watch.target.pid());
    } catch (Exception e) {
      if (Thread.currentThread().isInterrupted()) {
        return; // closing: the stack stops everything anyway
      }
      watch.startedAt = Instant.now();
      onExit(watch, "could not be restarted (" + e.getMessage() + ")");
    }
  }

  private void print(String format, Object... args) {
    console.accept(
        "  ["
            + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
            + "] "
            + String.format(format, args));
  }

  private static String seconds(Duration duration) {
    return duration.toSeconds() >= 60
        ? duration.toMinutes() + " min"
        : duration.toMillis() % 1000 == 0
            ? duration.toSeconds() + " s"
            : duration.toMillis() + " ms";
  }

  /** What a supervised process is doing. */
  public enum State {
    @JsonProperty("running")
    RUNNING,
    @JsonProperty("restarting")
    RESTARTING,
    @JsonProperty("given_up")
    GIVEN_UP
  }

  /** One process as {@code GET /status} of the control endpoint shows it. */
  public record Status(
      @JsonProperty("name") String name,
      @JsonProperty("pid") long pid,
      @JsonProperty("state") State state,
      @JsonProperty("restarts") int restarts,
      @JsonProperty("last_exit") String lastExit) {}

  private static final class Watch {
    final Supervised target;
    final RestartPolicy policy;
    volatile Instant startedAt;
    volatile State state = State.RUNNING;
    volatile String lastExit;
    volatile int restarts;

    Watch(Supervised target, RestartPolicy policy, Instant startedAt) {
      this.target = target;
      this.policy = policy;
      this.startedAt = startedAt;
    }

    Status status() {
      return new Status(target.name(), target.pid(), state, restarts, lastExit);
    }
  }
}
