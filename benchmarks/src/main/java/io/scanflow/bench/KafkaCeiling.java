package io.scanflow.bench;

import java.io.BufferedReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling of batch ingestion: Kafka's own {@code ProducerPerformance} (acks=all, idempotent)
 * against the stack's broker, on a scratch topic with as many partitions as {@code server-events},
 * with records as large as those ingest-api really writes.
 */
final class KafkaCeiling {
  static final String PIPELINE_TOPIC = "server-events";
  private static final Pattern SUMMARY =
      Pattern.compile(
          "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg"
              + " latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

  /** ProducerPerformance's closing summary line. */
  record Result(
      long records,
      double recordsPerSecond,
      double megabytesPerSecond,
      double avgLatencyMs,
      long p50Ms,
      long p99Ms,
      int recordSize,
      int partitions,
      String command) {}

  private final String bootstrap;

  KafkaCeiling(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  int partitionsOf(String topic) throws Exception {
    try (Admin admin = admin()) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
      return description.partitions().size();
    }
  }

  /** Mean value size of the newest records ingest-api wrote to {@code server-events}. */
  int meanRecordSize(int partitions) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> all = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        all.add(new TopicPartition(PIPELINE_TOPIC, p));
      }
      consumer.assign(all);
      Map<TopicPartition, Long> ends = consumer.endOffsets(all);
      ends.forEach((tp, end) -> consumer.seek(tp, Math.max(0, end - 50)));
      long bytes = 0;
      int count = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (count < 500 && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          bytes += record.value() == null ? 0 : record.value().length;
          count++;
        }
      }
      if (count == 0) {
        throw new IllegalStateException("No records in " + PIPELINE_TOPIC + " to size from");
      }
      return (int) (bytes / count);
    }
  }

  /** Runs ProducerPerformance on a scratch topic (created here, deleted afterwards). */
  Result run(long records, int recordSize, int partitions) throws Exception {
    String topic = "bench-producer-perf-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin = admin()) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      try {
        return produce(topic, records, recordSize, partitions);
      } finally {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private Result produce(String topic, long records, int recordSize, int partitions)
      throws Exception {
    List<String> args =
        List.of(
            "--topic",
            topic,
            "--num-records",
            Long.toString(records),
            "--record-size",
            Integer.toString(recordSize),
            "--throughput",
            "-1",
            "--producer-props",
            "bootstrap.servers=" + bootstrap,
            "acks=all",
            "enable.idempotence=true");
    String tool = "org.apache.kafka.tools.ProducerPerformance";
    Process process = ChildJvm.start("256m", tool, args);
    Matcher last = null;
    try (BufferedReader output = ChildJvm.output(process)) {
      String line;
      while ((line = output.readLine()) != null) {
        Matcher matcher = SUMMARY.matcher(line);
        if (matcher.find()) {
          last = matcher;
        } else if (!line.isBlank()) {
          System.out.println("  [producer-perf] " + line);
        }
      }
    }
    if (!process.waitFor(10, TimeUnit.MINUTES) || last == null) {
      process.destroyForcibly();
      throw new IllegalStateException("ProducerPerformance gave no summary");
    }
    return new Result(
        Long.parseLong(last.group(1)),
        Double.parseDouble(last.group(2)),
        Double.parseDouble(last.group(3)),
        Double.parseDouble(last.group(4)),
        Long.parseLong(last.group(6)),
        Long.parseLong(last.group(8)),
        recordSize,
        partitions,
        "java -cp <benchmarks class path> " + tool + " " + String.join(" ", args));
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }
}
