package io.scanflow.ingest.publish;

import io.scanflow.contract.TopicProvisioner;
import io.scanflow.ingest.config.IngestConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

/** Creates missing pipeline topics at start-up when {@code scanflow.topics.create-missing}. */
public final class TopicSetup implements Runnable {
  private static final Logger LOG = Logger.getLogger(TopicSetup.class);

  private final Map<String, Object> kafkaConfig;
  private final IngestConfig.TopicsConfig topics;

  public TopicSetup(Map<String, Object> kafkaConfig, IngestConfig.TopicsConfig topics) {
    this.kafkaConfig = kafkaConfig;
    this.topics = topics;
  }

  @Override
  public void run() {
    if (!topics.createMissing()) {
      return;
    }
    try (Admin admin = Admin.create(kafkaConfig)) {
      List<String> created =
          new TopicProvisioner(admin)
              .createMissing(topics.partitions(), topics.replicationFactor());
      if (!created.isEmpty()) {
        LOG.infof("Created topics %s", created);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topics", e);
    } catch (Exception e) {
      throw new IllegalStateException("Could not create the pipeline topics: " + e, e);
    }
  }
}
