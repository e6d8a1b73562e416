package io.scanflow.dedupe;

import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.Topics;
import io.scanflow.streams.testing.CommittedRecords;
import io.scanflow.streams.testing.ForkedStage;
import io.scanflow.streams.testing.InputRecords;
import io.scanflow.streams.testing.StreamsProcess;
import io.scanflow.testsupport.IngestedEventBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * dedupe-stream on a real broker with exactly_once_v2, run in forked JVMs so that an instance can
 * be killed with SIGKILL in the middle of a transaction.
 */
class DedupeExactlyOnceIT {
  private static final String INPUT = Topics.SERVER_EVENTS.name();
  @RegisterExtension static final ForkedStage dedupe = DedupeTopologyFactory.forked();

  @TempDir Path stateRoot;

  @Test
  void shouldCountEveryReceiptExactlyOnceAcrossAnAbruptKill() throws Exception {
    String site = "site-kill";
    List<IngestedEvent> committed = receipts(site, 0, 1500);
    List<IngestedEvent> inFlight = receipts(site, 1500, 3000);
    List<IngestedEvent> after = receipts(site, 2000, 4000);

    produce(committed);
    StreamsProcess first = start("kill-1", "first", ForkedStage.LONG_TRANSACTIONS);
    dedupe.awaitLagAtMost(INPUT, 0, Duration.ofSeconds(60), Duration.ofMillis(100), first);
    produce(inFlight);
    dedupe.killInsideOpenTransaction(
        first,
        List.of(Topics.SERVER_EVENTS_UNIQUE.name(), Topics.SERVER_EVENTS_DUPLICATES.name()),
        Duration.ofSeconds(60));
    assertThat(dedupe.lag(INPUT)).as("killed before it had committed everything").isPositive();
    List<IngestedEvent> before = concat(committed, inFlight);
    produce(after);
    try (StreamsProcess restarted = start("kill-1", "restarted")) {
      awaitNoLag();
      assertExactlyOnce(site, concat(before, after));
    }
  }

  @Test
  void shouldGiveSameResultWithTwoInstancesAsWithOne() throws Exception {
    String site = "site-pair";
    List<IngestedEvent> receipts = receipts(site, 0, 3000);

    try (StreamsProcess one = start("pair-1", "one");
        StreamsProcess two = start("pair-2", "two")) {
      ForkedStage.awaitRunning(Duration.ofSeconds(60), one, two);
      produce(receipts);
      awaitNoLag();
      assertExactlyOnce(site, receipts);
    }
  }

  /**
   * Receipts of ids {@code from..to-1}: every third id is sent again, every fifth a third time, and
   * every seventh receipt has a server-generated id; copies follow later in the list.
   */
  private static List<IngestedEvent> receipts(String site, int from, int to) {
    List<IngestedEvent> firsts = new ArrayList<>();
    List<IngestedEvent> copies = new ArrayList<>();
    Instant base = Instant.parse("2026-11-20T00:00:00Z");
    for (int i = from; i < to; i++) {
      boolean generated = i % 7 == 0;
      String eventId = generated ? UUID.randomUUID().toString() : "evt-" + i;
      int times = 1 + (i % 3 == 0 ? 1 : 0) + (i % 5 == 0 ? 1 : 0);
      for (int copy = 0; copy < times; copy++) {
        IngestedEvent event = receipt(site, eventId, generated, base.plusMillis(i * 10L + copy));
        (copy == 0 ? firsts : copies).add(event);
      }
    }
    return concat(firsts, copies);
  }

  private static IngestedEvent receipt(String site, String eventId, boolean generated, Instant at) {
    IngestedEventBuilder receipt = anEvent().withSiteId(site).receivedAt(at);
    return (generated ? receipt.withGeneratedEventId(eventId) : receipt.withEventId(eventId))
        .build();
  }

  private StreamsProcess start(String stateName, String logName) throws Exception {
    return start(stateName, logName, ForkedStage.SLOW_COMMITS);
  }

  private StreamsProcess start(String stateName, String logName, Map<String, String> overrides)
      throws Exception {
    return dedupe.start(stateRoot.resolve(stateName), logName, overrides);
  }

  private static void produce(List<IngestedEvent> events) {
    InputRecords.produce(
        dedupe.kafka().clientProperties(),
        Topics.SERVER_EVENTS,
        events,
        IngestedEvent::eventKey,
        IngestedEvent::receivedAt);
  }

  private static void awaitNoLag() {
    dedupe.awaitLagAtMost(INPUT, 0, Duration.ofSeconds(90), Duration.ofMillis(500));
  }

  /**
   * Every receipt is on exactly one output, and the counted one is the first in partition order.
   */
  private static void assertExactlyOnce(String site, List<IngestedEvent> sent) {
    Map<String, IngestedEvent> firstByKey = new LinkedHashMap<>();
    for (IngestedEvent event : sent) {
      firstByKey.putIfAbsent(
          event.eventIdGenerated() ? "gen:" + event.ingestId() : event.eventKey(), event);
    }
    List<IngestedEvent> unique = unique(site);
    List<DuplicateEvent> duplicates = duplicates(site);

    List<UUID> seen = new ArrayList<>();
    unique.forEach(event -> seen.add(event.ingestId()));
    duplicates.forEach(duplicate -> seen.add(duplicate.event().ingestId()));
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(IngestedEvent::ingestId).toList());
    assertThat(unique)
        .extracting(IngestedEvent::ingestId)
        .containsExactlyInAnyOrderElementsOf(
            firstByKey.values().stream().map(IngestedEvent::ingestId).toList());
    Map<String, UUID> countedIngestIdByKey = new HashMap<>();
    firstByKey
        .values()
        .forEach(first -> countedIngestIdByKey.put(first.eventKey(), first.ingestId()));
    assertThat(duplicates)
        .allSatisfy(
            duplicate ->
                assertThat(duplicate.firstIngestId())
                    .isEqualTo(countedIngestIdByKey.get(duplicate.event().eventKey())));
  }

  private static List<IngestedEvent> unique(String site) {
    return CommittedRecords.readValues(
            dedupe.kafka().bootstrapServers(), Topics.SERVER_EVENTS_UNIQUE)
        .stream()
        .filter(event -> event.siteId().equals(site))
        .toList();
  }

  private static List<DuplicateEvent> duplicates(String site) {
    return CommittedRecords.readValues(
            dedupe.kafka().bootstrapServers(), Topics.SERVER_EVENTS_DUPLICATES)
        .stream()
        .filter(duplicate -> duplicate.event().siteId().equals(site))
        .toList();
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
