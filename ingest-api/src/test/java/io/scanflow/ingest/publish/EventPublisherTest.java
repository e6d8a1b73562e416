package io.scanflow.ingest.publish;

import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.scanflow.contract.IngestedEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The publish deadline covers the whole request, and nothing waits on a thread for it. Against an
 * address where no broker listens the producer never gets metadata, so every {@code send()} blocks
 * for {@code max.block.ms}: the worst case for a batch, which must still fail within the one
 * timeout.
 */
class EventPublisherTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  // Without the whole-request deadline a send would block for TIMEOUT per record (500 s here);
  // the margin is only for a busy test machine.
  private static final Duration WITHIN = TIMEOUT.plusSeconds(2);
  private EventPublisher publisher;

  private static String nowhere() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "127.0.0.1:" + socket.getLocalPort();
    }
  }

  @AfterEach
  void close() {
    publisher.close();
  }

  @Test
  void shouldGiveUpOnA500EventBatchWithinTheTimeoutEvenWhenEverySendBlocks() throws Exception {
    publisher = new EventPublisher(Map.of("bootstrap.servers", nowhere()), TIMEOUT);
    List<IngestedEvent> batch =
        IntStream.range(0, 500).mapToObj(i -> anEvent().withEventId("e-" + i).build()).toList();

    long start = System.nanoTime();
    assertUnavailable(publisher.publishEvents(batch));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN);
  }

  @Test
  void shouldGiveUpOnASingleEventWithinTheTimeout() throws Exception {
    publisher = new EventPublisher(Map.of("bootstrap.servers", nowhere()), TIMEOUT);

    long start = System.nanoTime();
    assertUnavailable(publisher.publishEvents(List.of(anEvent().build())));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN);
  }

  /**
   * The blocking store held a thread per request until Kafka answered: 200 requests behind a
   * blocked send took 200 threads. Now the caller gets its answer-to-be at once, and all 200 fail
   * together at their deadline while one sender thread is stuck.
   */
  @Test
  void shouldNotHoldAThreadPerRequestWhileKafkaDoesNotAnswer() throws Exception {
    publisher = new EventPublisher(Map.of("bootstrap.servers", nowhere()), TIMEOUT);
    int threadsBefore = Thread.activeCount();

    long start = System.nanoTime();
    List<CompletableFuture<Void>> pending =
        IntStream.range(0, 200)
            .mapToObj(
                i -> publisher.publishEvents(List.of(anEvent().withEventId("e-" + i).build())))
            .map(CompletionStage::toCompletableFuture)
            .toList();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
    assertThat(pending).noneMatch(CompletableFuture::isDone);
    assertThat(Thread.activeCount() - threadsBefore).isLessThan(10);

    for (CompletableFuture<Void> request : pending) {
      assertUnavailable(request);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WITHIN);
  }

  /**
   * A request answered 503 while its send was blocked (no metadata yet): the send is abandoned, so
   * the record never reaches Kafka afterwards, where a client that resends on 503 would find the
   * first attempt written after all.
   */
  @Test
  void shouldAbandonASendStillBlockedWhenItsRequestIsAnswered503() throws Exception {
    BlockingFirstSend producer = new BlockingFirstSend(true);
    publisher = new EventPublisher(producer, TIMEOUT);

    assertUnavailable(publisher.publishEvents(List.of(anEvent().withEventId("a").build())));

    assertThat(publisher.publishEvents(List.of(anEvent().withEventId("c").build())))
        .succeedsWithin(WITHIN);
    assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly(key("c"));
  }

  /** Records queued behind a blocked send are not handed over once their request was answered. */
  @Test
  void shouldNeverHandOverQueuedRecordsOfARequestAlreadyAnswered503() throws Exception {
    BlockingFirstSend producer = new BlockingFirstSend(false);
    publisher = new EventPublisher(producer, TIMEOUT);
    CompletionStage<Void> first =
        publisher.publishEvents(List.of(anEvent().withEventId("a").build()));
    await().until(() -> producer.blocked);
    CompletionStage<Void> queued =
        publisher.publishEvents(
            IntStream.range(0, 5).mapToObj(i -> anEvent().withEventId("b-" + i).build()).toList());

    assertUnavailable(queued);
    assertUnavailable(first);
    producer.release.countDown();

    assertThat(publisher.publishEvents(List.of(anEvent().withEventId("c").build())))
        .succeedsWithin(WITHIN);
    assertThat(producer.history())
        .extracting(ProducerRecord::key)
        .doesNotContainAnyElementsOf(IntStream.range(0, 5).mapToObj(i -> key("b-" + i)).toList())
        .contains(key("c"));
  }

  private static String key(String eventId) {
    return anEvent().withEventId(eventId).build().eventKey();
  }

  private static void assertUnavailable(CompletionStage<Void> request) {
    assertThatThrownBy(() -> request.toCompletableFuture().get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(PublishUnavailableException.class);
  }

  /**
   * A producer whose first send blocks, as KafkaProducer's does while it waits for the topic's
   * metadata; {@code interruptible} like it (the record is then given up), or not at all.
   */
  private static final class BlockingFirstSend extends MockProducer<String, byte[]> {
    final CountDownLatch release = new CountDownLatch(1);
    private final boolean interruptible;
    volatile boolean blocked;

    BlockingFirstSend(boolean interruptible) {
      super(true, null, new StringSerializer(), new ByteArraySerializer());
      this.interruptible = interruptible;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
      if (!blocked) {
        blocked = true;
        awaitRelease();
      }
      return super.send(record, callback);
    }

    private void awaitRelease() {
      while (true) {
        try {
          release.await();
          return;
        } catch (InterruptedException e) {
          if (interruptible) {
            throw new InterruptException(e);
          }
        }
      }
    }
  }
}
