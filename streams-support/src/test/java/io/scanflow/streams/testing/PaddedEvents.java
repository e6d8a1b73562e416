package io.scanflow.streams.testing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.IngestedEvent;

/** Events made large on purpose, to find a stage's record size limit. */
public final class PaddedEvents {
  private PaddedEvents() {}

  /** The event with {@code properties: {"padding": "xxx…"}} of {@code chars} characters. */
  public static IngestedEvent padded(IngestedEvent event, int chars) {
    ObjectNode properties = JsonNodeFactory.instance.objectNode().put("padding", "x".repeat(chars));
    return event.toBuilder().properties(properties).build();
  }
}
