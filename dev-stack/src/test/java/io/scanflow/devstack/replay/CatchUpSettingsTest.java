package io.scanflow.devstack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.devstack.process.JvmMemory;
import io.scanflow.devstack.service.LaunchSettings;
import io.scanflow.devstack.service.ScanflowService;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class CatchUpSettingsTest {
  private static final String STREAMS_PREFIX = "kafka-streams.";
  private static final String SINK_PREFIX = "mp.messaging.incoming.reports-in.";

  @Test
  void shouldOnlySetKeysThatKafkaKnows() {
    Set<String> known = new HashSet<>(StreamsConfig.configDef().names());
    known.addAll(ConsumerConfig.configNames());
    ProducerConfig.configNames().forEach(name -> known.add("producer." + name));

    assertThat(CatchUpSettings.of(ScanflowService.DEDUPE_STREAM).systemProperties().keySet())
        .allSatisfy(key -> assertThat(key).startsWith(STREAMS_PREFIX))
        .allSatisfy(key -> assertThat(known).contains(key.substring(STREAMS_PREFIX.length())));
    assertThat(CatchUpSettings.of(ScanflowService.REPORTS_SINK).systemProperties().keySet())
        .allSatisfy(key -> assertThat(key).startsWith(SINK_PREFIX))
        .allSatisfy(
            key ->
                assertThat(ConsumerConfig.configNames())
                    .contains(key.substring(SINK_PREFIX.length())));
  }

  @Test
  void shouldCommitLessOftenThanLiveOnlyInTheDerivedStages() {
    assertThat(
            Integer.parseInt(
                CatchUpSettings.of(ScanflowService.ATTRIBUTION_STREAM)
                    .systemProperties()
                    .get("kafka-streams.commit.interval.ms")))
        .isGreaterThan(100);
    assertThat(CatchUpSettings.of(ScanflowService.INGEST_API)).isEqualTo(LaunchSettings.OWN);
  }

  @Test
  void shouldGiveOnlyTheDerivedStagesALargerHeapThatTheyKeepWhileCatchingUp() {
    for (ScanflowService service : ScanflowService.values()) {
      LaunchSettings settings = CatchUpSettings.of(service);
      assertThat(settings.keepGrownHeap()).isEqualTo(service.isDerived());
      assertThat(settings.maxHeap())
          .isEqualTo(service.isDerived() ? "-Xmx256m" : JvmMemory.SERVICE_MAX_HEAP);
    }
  }
}
