package io.scanflow.streams.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionListing;

/**
 * The transactional producers of a streams app as the broker knows them: under {@code
 * exactly_once_v2} (declared once for both streams apps, in streams-support's {@code
 * META-INF/microprofile-config.properties}) each stream thread writes through a producer whose
 * transactional id starts with the application id. An app running at least once has none.
 */
public final class TransactionalProducers {
  private TransactionalProducers() {}

  /** The transactional ids of {@code applicationId}'s producers, once there is at least one. */
  public static List<String> awaitOf(Admin admin, String applicationId, Duration timeout) {
    AtomicReference<List<String>> ids = new AtomicReference<>(List.of());
    await()
        .atMost(timeout)
        .until(
            () -> {
              ids.set(
                  admin.listTransactions().all().get().stream()
                      .map(TransactionListing::transactionalId)
                      .filter(id -> id.startsWith(applicationId + "-"))
                      .toList());
              return !ids.get().isEmpty();
            });
    return ids.get();
  }
}
