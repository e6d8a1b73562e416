package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scanflow.contract.TopicDescriptor;
import io.scanflow.contract.Topics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docker-compose.yml creates its topics by shell script; it must not drift from {@link Topics}. */
class TopicsInComposeTest {
  private static final Pattern CREATE = Pattern.compile("(?m)^create (\\S+)(.*)$");
  private static final Pattern CONFIG = Pattern.compile("--config (\\S+?)=(\\S+)");

  @Test
  void shouldCreateEveryContractTopicWithItsConfigsInCompose() throws Exception {
    Map<String, Map<String, String>> created = topicsCreatedByCompose();

    assertThat(created.keySet())
        .containsExactlyInAnyOrderElementsOf(
            Topics.all().stream().map(TopicDescriptor::name).toList());
    for (TopicDescriptor<?, ?> topic : Topics.all()) {
      assertThat(created.get(topic.name())).as(topic.name()).isEqualTo(topic.configs());
    }
  }

  @Test
  void shouldReplicateTopicsThreeTimesWithTwoInSyncReplicas() throws Exception {
    String script = initScript();

    assertThat(script).contains("--replication-factor 3").contains("min.insync.replicas=2");
  }

  private static Map<String, Map<String, String>> topicsCreatedByCompose() throws Exception {
    Map<String, Map<String, String>> topics = new HashMap<>();
    Matcher create = CREATE.matcher(initScript());
    while (create.find()) {
      Map<String, String> configs = new HashMap<>();
      Matcher config = CONFIG.matcher(create.group(2));
      while (config.find()) {
        configs.put(config.group(1), config.group(2));
      }
      topics.put(create.group(1), configs);
    }
    return topics;
  }

  private static String initScript() throws Exception {
    JsonNode compose =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "docker-compose.yml").toFile());
    return compose.path("services").path("kafka-init").path("command").path(0).asText();
  }
}
