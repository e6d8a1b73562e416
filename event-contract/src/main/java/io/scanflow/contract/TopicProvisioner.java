package io.scanflow.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the pipeline's topics with their configs, leaving existing ones as they are. */
public final class TopicProvisioner {
  private final Admin admin;

  public TopicProvisioner(Admin admin) {
    this.admin = admin;
  }

  /** Creates every missing topic of {@link Topics#all()}; returns the names it created. */
  public List<String> createMissing(int partitions, short replicationFactor)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = new ArrayList<>();
    for (TopicDescriptor<?, ?> topic : Topics.all()) {
      if (!existing.contains(topic.name())) {
        missing.add(
            new NewTopic(topic.name(), partitions, replicationFactor).configs(topic.configs()));
      }
    }
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    }
    return missing.stream().map(NewTopic::name).toList();
  }
}
