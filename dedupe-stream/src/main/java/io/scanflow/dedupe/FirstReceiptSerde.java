package io.scanflow.dedupe;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A fixed 28-byte encoding of {@link FirstReceipt} (UUID, epoch seconds, nanos): the store holds
 * one per id of the window, so it is kept small rather than readable. Internal to this stage.
 */
public final class FirstReceiptSerde implements Serde<FirstReceipt> {
  private static final int SIZE = 16 + 8 + 4;

  @Override
  public Serializer<FirstReceipt> serializer() {
    return (topic, receipt) -> {
      if (receipt == null) {
        return null;
      }
      return ByteBuffer.allocate(SIZE)
          .putLong(receipt.ingestId().getMostSignificantBits())
          .putLong(receipt.ingestId().getLeastSignificantBits())
          .putLong(receipt.receivedAt().getEpochSecond())
          .putInt(receipt.receivedAt().getNano())
          .array();
    };
  }

  @Override
  public Deserializer<FirstReceipt> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length != SIZE) {
        throw new SerializationException("A first receipt has " + SIZE + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      UUID ingestId = new UUID(buffer.getLong(), buffer.getLong());
      return new FirstReceipt(ingestId, Instant.ofEpochSecond(buffer.getLong(), buffer.getInt()));
    };
  }
}
