package io.scanflow.devstack.replay;

import io.scanflow.devstack.Poll;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** The changelog and repartition topics of a Kafka Streams app, deleted on reset. */
public final class StreamsInternalTopics {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final Admin admin;

  public StreamsInternalTopics(Admin admin) {
    this.admin = admin;
  }

  /** Same rule as the reset tool: {@code <app id>-...-changelog|-repartition} (and FK topics). */
  static boolean isInternal(String applicationId, String topic) {
    return topic.startsWith(applicationId + "-")
        && (topic.endsWith("-changelog")
            || topic.endsWith("-repartition")
            || topic.endsWith("-topic"));
  }

  /** Deletes them and waits until the broker no longer lists them, so the app can recreate them. */
  public List<String> delete(String applicationId) throws Exception {
    List<String> internal =
        names().stream().filter(topic -> isInternal(applicationId, topic)).sorted().toList();
    if (internal.isEmpty()) {
      return internal;
    }
    admin.deleteTopics(internal).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    Poll.untilOrThrow(
        () -> names().stream().noneMatch(internal::contains),
        TIMEOUT,
        Duration.ofMillis(200),
        () -> "Internal topics not deleted in time: " + internal);
    return internal;
  }

  private Set<String> names() throws InterruptedException, ExecutionException, TimeoutException {
    return admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
