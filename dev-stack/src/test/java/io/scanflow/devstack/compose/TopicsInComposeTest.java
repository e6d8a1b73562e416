package io.scanflow.devstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.TopicDescriptor;
import io.scanflow.contract.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose's kafka-init creates its topics by shell script; they must not drift from {@link Topics}.
 */
class TopicsInComposeTest {
  private static final String MIN_INSYNC = "min.insync.replicas";

  @TempDir Path work;

  @Test
  void shouldCreateEveryContractTopicWithItsConfigsInCompose() {
    Map<String, Map<String, String>> created = init().topics();

    assertThat(created.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Topics.all().stream().map(TopicDescriptor::name).toList());
    for (TopicDescriptor<?, ?> topic : Topics.all()) {
      Map<String, String> configs = new HashMap<>(created.get(topic.name()));
      configs.remove(MIN_INSYNC);
      assertThat(configs).as(topic.name()).isEqualTo(topic.configs());
    }
  }

  @Test
  void shouldReplicateTopicsThreeTimesWithTwoInSyncReplicas() {
    KafkaInitScript init = init();

    assertThat(init.topicCreations())
        .isNotEmpty()
        .allSatisfy(
            call -> {
              assertThat(call.value("--replication-factor")).isEqualTo("3");
              assertThat(init.topics().get(call.value("--topic"))).containsEntry(MIN_INSYNC, "2");
            });
  }

  private KafkaInitScript init() {
    return KafkaInitScript.run(
        work,
        ComposeFile.read("docker-compose.yml").environment("kafka-init", ComposeSecrets.forTest()));
  }
}
