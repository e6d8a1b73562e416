package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.contract.lag.ConsumerGroupLag;
import io.scanflow.devstack.DevStack;
import io.scanflow.devstack.replay.ConsumerGroupReset;
import io.scanflow.devstack.replay.Replay;
import io.scanflow.devstack.service.ScanflowService;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ./scanflow replay resets both streams apps and the sink and rebuilds the report tables from the
 * retained topics. The output topics still hold the first run's records: they must never be counted
 * a second time, whether the sink skips them (what replay does) or re-reads them.
 */
@ExtendWith(RunningStack.class)
class ReplayIT {
  private final DevStack stack;
  private final ScanflowClient client;

  ReplayIT(DevStack stack) {
    this.stack = stack;
    this.client = new ScanflowClient(stack.info());
  }

  @Test
  void shouldRebuildIdenticalReportTablesFromTheTopics() throws Exception {
    givenAttributedUnattributedAndDuplicateEvents("Replay shop");
    Map<String, List<String>> before = snapshot();
    assertThat(before.get("event_log")).isNotEmpty();
    assertThat(before.get("duplicate_receipts")).isNotEmpty();

    Duration took = new Replay(stack, System.out::println).run(Duration.ofMinutes(3));

    // once events waiting for an unknown session are released too, the tables are identical
    System.out.println("Replay took " + took.toMillis() + " ms");
    awaitTablesEqual(before);
  }

  @Test
  void shouldNotDoubleCountWhenTheSinkReReadsAllOutputTopicsFromTheStart() throws Exception {
    givenAttributedUnattributedAndDuplicateEvents("Redelivery shop");
    Map<String, List<String>> before = snapshot();

    stack.stopServices(List.of(ScanflowService.REPORTS_SINK));
    try (Admin admin = stack.admin()) {
      new ConsumerGroupReset(admin)
          .reset(ScanflowService.REPORTS_SINK.consumerGroup(), Set.of(), Set.of());
    }
    stack.startServices(List.of(ScanflowService.REPORTS_SINK));

    awaitNoLag();
    awaitTablesEqual(before);
  }

  private void givenAttributedUnattributedAndDuplicateEvents(String siteName) {
    var site = client.createSite(siteName);
    String session = UUID.randomUUID().toString();
    client.postScanSession(
        site.getValue(),
        Map.of("site_id", site.getKey(), "scan_session_id", session, "qr_code_id", "flyer-7"));
    List<String> eventIds = List.of("r-1", "r-2", "r-3", "r-4");
    for (String eventId : eventIds) {
      Map<String, Object> event = new HashMap<>();
      event.put("site_id", site.getKey());
      event.put("event_name", eventId.equals("r-4") ? "page_view" : "purchase");
      event.put("event_id", eventId);
      // r-3's session is never reported: unattributed, session_not_found
      event.put("scan_session_id", eventId.equals("r-3") ? UUID.randomUUID().toString() : session);
      event.put("conversion_value", Map.of("amount", new BigDecimal("10.05"), "currency", "EUR"));
      assertThat(client.postEvent(site.getValue(), event).status()).isEqualTo(200);
    }
    Map<String, Object> resend = new HashMap<>();
    resend.put("site_id", site.getKey());
    resend.put("event_name", "purchase");
    resend.put("event_id", "r-1");
    resend.put("scan_session_id", session);
    assertThat(client.postEvent(site.getValue(), resend).status()).isEqualTo(200);
    awaitSettled(site.getKey(), eventIds);
  }

  private void awaitSettled(String siteId, List<String> eventIds) {
    String base = "/api/sites/" + siteId;
    await()
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                eventIds.stream().allMatch(id -> client.reports(base + "/events/" + id).isStored())
                    && client.reports(base + "/summary").body().path("duplicates").asLong() == 1);
    awaitNoLag();
  }

  private void awaitNoLag() {
    List<String> groups =
        Arrays.stream(ScanflowService.values())
            .filter(ScanflowService::isDerived)
            .map(ScanflowService::consumerGroup)
            .toList();
    try (ConsumerGroupLag lag =
        ConsumerGroupLag.connect(stack.info().kafkaBootstrap(), Duration.ofSeconds(10))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> lag.read(groups).values().stream().allMatch(group -> group.lag() == 0));
    }
  }

  private void awaitTablesEqual(Map<String, List<String>> before) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(snapshot()).isEqualTo(before));
  }

  private Map<String, List<String>> snapshot() throws Exception {
    try (Connection connection = stack.database().connect()) {
      return ReportTablesSnapshot.take(connection);
    }
  }
}
