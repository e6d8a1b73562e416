package io.scanflow.streams.testing;

import static org.awaitility.Awaitility.await;

import io.scanflow.testsupport.KafkaTestCluster;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/**
 * The transactional producers of a streams app as the broker knows them: under {@code
 * exactly_once_v2} (declared once for both streams apps, in streams-support's {@code
 * META-INF/microprofile-config.properties}) each stream thread writes through a producer whose
 * transactional id starts with the application id. An app running at least once has none.
 */
public final class TransactionalProducers {
  private TransactionalProducers() {}

  /** Waits until the broker lists a transactional producer of {@code applicationId}. */
  public static void awaitAnyOf(KafkaTestCluster kafka, String applicationId, Duration timeout) {
    try (Admin admin = kafka.admin()) {
      await()
          .atMost(timeout)
          .until(
              () ->
                  admin.listTransactions().all().get().stream()
                      .anyMatch(
                          listing -> listing.transactionalId().startsWith(applicationId + "-")));
    }
  }
}
