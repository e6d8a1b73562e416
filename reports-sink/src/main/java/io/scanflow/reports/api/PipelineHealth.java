package io.scanflow.reports.api;

import io.scanflow.contract.lag.ConsumerGroupLag;
import io.scanflow.contract.lag.GroupLag;
import io.scanflow.contract.lag.LagUnavailableException;
import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.sink.SinkHealth;
import io.scanflow.reports.sink.SinkHealth.Stall;
import io.scanflow.reports.store.WarningQueries;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The health of each stage (pipeline.md section 4): lag from the shared {@link ConsumerGroupLag},
 * stalls from the progress history and, for this service's own sink, from {@link SinkHealth}, and
 * the dead letters of the last 24 h. Kafka or the database being unreachable makes the figures they
 * hold unknown; it never fails the answer.
 */
@ApplicationScoped
public class PipelineHealth {
  private static final Logger LOG = Logger.getLogger(PipelineHealth.class);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

  private final Map<String, Object> kafkaConfig;
  private final String sinkGroup;
  private final List<String> groups;
  private final SinkHealth sink;
  private final WarningQueries warnings;
  private final ProgressHistory history;
  private ConsumerGroupLag lag;
  private volatile boolean kafkaUnavailable;

  public PipelineHealth(
      // kafka.* (KAFKA_* variables): bootstrap servers and, in compose, the SASL settings
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(
              name = "mp.messaging.incoming.reports-in.group.id",
              defaultValue = "scanflow-reports-sink")
          String sinkGroup,
      ReportsConfig config,
      SinkHealth sink,
      WarningQueries warnings) {
    this.kafkaConfig = kafkaConfig;
    this.sinkGroup = sinkGroup;
    this.groups = List.copyOf(config.reports().pipelineGroups());
    this.sink = sink;
    this.warnings = warnings;
    // One stall time for every stage: the sink's own failures and the others' standing still.
    this.history = new ProgressHistory(sink.stallAfter());
  }

  /** Every configured stage, in pipeline order. */
  public List<StageHealth> stages(Instant now) {
    Map<String, GroupLag> lags = lags();
    Map<String, Long> deadLetters = deadLetters();
    List<StageHealth> stages = new ArrayList<>();
    for (String group : groups) {
      GroupLag groupLag = lags.get(group);
      Optional<Stall> progress =
          groupLag == null ? Optional.empty() : history.observe(groupLag, now);
      // The sink knows why it is stuck (its own failures); that is the better reason to show.
      Optional<Stall> stall =
          group.equals(sinkGroup) ? sink.stall(now).or(() -> progress) : progress;
      Long dead =
          deadLetters == null ? null : deadLetters.getOrDefault(StageHealth.stageOf(group), 0L);
      stages.add(StageHealth.of(group, groupLag, stall, dead));
    }
    return stages;
  }

  private Map<String, GroupLag> lags() {
    try {
      Map<String, GroupLag> lags = reader().read(groups);
      if (kafkaUnavailable) {
        kafkaUnavailable = false;
        LOG.info("Pipeline lag readable again");
      }
      return lags;
    } catch (LagUnavailableException e) {
      if (!kafkaUnavailable) {
        kafkaUnavailable = true; // once per outage, not at every poll of the dashboard
        LOG.warnf("Pipeline lag unavailable (stages show \"unavailable\"): %s", e.getMessage());
      }
      return Map.of();
    }
  }

  private Map<String, Long> deadLetters() {
    try {
      return warnings.deadLettersByStage();
    } catch (SQLException e) {
      LOG.debugf("Dead-letter counts unavailable: %s", e.getMessage());
      return null;
    }
  }

  private synchronized ConsumerGroupLag reader() {
    if (lag == null) {
      lag = ConsumerGroupLag.connect(kafkaConfig, KAFKA_TIMEOUT);
    }
    return lag;
  }

  @PreDestroy
  public synchronized void close() {
    if (lag != null) {
      lag.close();
    }
  }
}
