package io.scanflow.devstack.replay;

import static io.scanflow.devstack.service.ScanflowService.ATTRIBUTION_STREAM;
import static io.scanflow.devstack.service.ScanflowService.DEDUPE_STREAM;
import static io.scanflow.devstack.service.ScanflowService.REPORTS_SINK;

import io.scanflow.contract.Topics;
import io.scanflow.contract.lag.ConsumerGroupLag;
import io.scanflow.devstack.DevStack;
import io.scanflow.devstack.Poll;
import io.scanflow.devstack.service.ScanflowService;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * Rebuilds all derived state from the retained topics: stops the two streams apps and the sink,
 * resets them like {@code kafka-streams-application-reset}, empties the report tables, starts them
 * again with {@link CatchUpSettings} and waits until all three consumer groups have caught up, then
 * restarts them with their live settings.
 *
 * <p>The outputs of dedupe and attribution still hold the records of the first run. The downstream
 * stage is moved to the end of them (the reset tool's "intermediate topics"), so it reads only the
 * re-derived records: the tables are a function of {@code server-events} and the compacted topics
 * alone, and nothing is read twice (the sink would ignore a second copy anyway).
 */
public final class Replay {
  private static final List<ScanflowService> DERIVED =
      List.of(DEDUPE_STREAM, ATTRIBUTION_STREAM, REPORTS_SINK);

  /** Which outputs of a replayed upstream stage each group skips to the end of. */
  private static final Map<ScanflowService, Set<String>> INTERMEDIATE =
      Map.of(
          DEDUPE_STREAM, Set.of(),
          ATTRIBUTION_STREAM, Set.of(Topics.SERVER_EVENTS_UNIQUE.name()),
          REPORTS_SINK,
              Set.of(
                  Topics.SERVER_EVENTS_ATTRIBUTED.name(), Topics.SERVER_EVENTS_DUPLICATES.name()));

  private final DevStack stack;
  private final Consumer<String> report;

  public Replay(DevStack stack, Consumer<String> report) {
    this.stack = stack;
    Instant started = Instant.now();
    this.report =
        line ->
            report.accept(
                String.format(
                    "[%5.1fs] %s",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0, line));
  }

  /**
   * Runs the replay; returns how long it took from stop to caught up (the restart with live
   * settings after it is not included).
   */
  public Duration run(Duration catchUpTimeout) throws Exception {
    Instant started = Instant.now();
    Duration took;
    report.accept("Stopping " + names(DERIVED));
    stack.stopServices(DERIVED);
    try (Admin admin = stack.admin()) {
      reset(admin);
      try (Connection connection = stack.database().connect()) {
        report.accept("Emptied report tables " + new ReportTables(connection).truncate());
      }
      report.accept("Starting " + names(DERIVED) + " with catch-up settings");
      stack.startServices(DERIVED, CatchUpSettings::of);
      report.accept("Started (ready); catching up");
      awaitCaughtUp(catchUpTimeout);
      took = Duration.between(started, Instant.now());
      report.accept(
          "Replay caught up in "
              + took.toMillis()
              + " ms (consumer lag 0 on "
              + names(DERIVED)
              + ")");
      restartWithLiveSettings(admin);
    }
    report.accept(
        "Done. Events still waiting for their scan session are released within"
            + " scanflow.attribution.pending-timeout.");
    return took;
  }

  /**
   * Stops the stages and starts them again with their own settings. Kafka Streams does not leave
   * its group on close: without removing the members first, the restarted apps would wait out the
   * session timeout (45 s) in their first rebalance.
   */
  private void restartWithLiveSettings(Admin admin) throws Exception {
    report.accept("Restarting " + names(DERIVED) + " with their live settings");
    stack.stopServices(DERIVED);
    ConsumerGroupReset groups = new ConsumerGroupReset(admin);
    for (ScanflowService service : DERIVED) {
      groups.removeLeftoverMembers(service.consumerGroup());
    }
    stack.startServices(DERIVED);
  }

  private void reset(Admin admin) throws Exception {
    ConsumerGroupReset groups = new ConsumerGroupReset(admin);
    for (ScanflowService service : DERIVED) {
      var offsets = groups.reset(service.consumerGroup(), Set.of(), INTERMEDIATE.get(service));
      report.accept(
          "Reset "
              + service.consumerGroup()
              + " ("
              + offsets.size()
              + " partitions; to end: "
              + INTERMEDIATE.get(service)
              + ")");
      if (service.isStreamsApp()) {
        List<String> deleted = new StreamsInternalTopics(admin).delete(service.consumerGroup());
        report.accept("  deleted internal topics " + deleted);
        // every instance's: one left behind would keep what the reset is meant to forget
        for (int n = 1; n <= stack.config().scale().instances(); n++) {
          Path state = stack.config().home().stateDir(service.module(), n);
          io.scanflow.devstack.StackHome.deleteRecursively(state);
          report.accept("  deleted local state " + state);
        }
      }
    }
  }

  /**
   * All three groups are read in one pass, their committed offsets before the end offsets: when
   * dedupe has no lag, everything it will emit is committed, so attribution's lag covers it, and so
   * on to the sink.
   */
  private void awaitCaughtUp(Duration timeout) throws Exception {
    List<String> groups = DERIVED.stream().map(ScanflowService::consumerGroup).toList();
    try (ConsumerGroupLag lag =
        ConsumerGroupLag.connect(stack.info().kafkaBootstrap(), Duration.ofSeconds(10))) {
      Poll.untilOrThrow(
          () -> lag.read(groups).values().stream().noneMatch(group -> group.lag() > 0),
          timeout,
          // often: the time to lag 0 is the replay's figure, and reading the lag is cheap
          Duration.ofMillis(100),
          () -> "Replay not caught up after " + timeout.toSeconds() + "s");
    }
  }

  private static String names(List<ScanflowService> services) {
    return String.join(", ", services.stream().map(ScanflowService::module).toList());
  }
}
