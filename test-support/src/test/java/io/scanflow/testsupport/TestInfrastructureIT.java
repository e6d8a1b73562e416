package io.scanflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.TopicDescriptor;
import io.scanflow.contract.Topics;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TestInfrastructureIT {

  @Test
  void shouldStartBrokerWithEveryPipelineTopicAndItsCleanupPolicy() throws Exception {
    try (KafkaTestCluster kafka = KafkaTestCluster.start();
        Admin admin = kafka.admin()) {
      Set<String> names = admin.listTopics().names().get();
      assertThat(names).containsAll(Topics.all().stream().map(TopicDescriptor::name).toList());

      ConfigResource sessions =
          new ConfigResource(ConfigResource.Type.TOPIC, Topics.SCAN_SESSIONS.name());
      Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(sessions)).all().get();
      assertThat(configs.get(sessions).get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void shouldKeepPostgresDataAcrossStopAndStart() throws Exception {
    try (PostgresTestDatabase database = PostgresTestDatabase.start()) {
      try (var connection = database.connect()) {
        connection
            .createStatement()
            .execute("create table kept (n int); insert into kept values (7)");
      }
      database.stopServer();
      database.startServer();
      try (var connection = database.connect();
          ResultSet rows = connection.createStatement().executeQuery("select n from kept")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(7);
      }
    }
  }
}
