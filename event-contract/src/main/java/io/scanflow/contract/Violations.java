package io.scanflow.contract;

import java.util.List;

/**
 * What a record breaks of its published JSON Schema, one message per broken rule: an explicit
 * result, empty when the record keeps the contract.
 */
public record Violations(List<String> messages) {
  public static final Violations NONE = new Violations(List.of());

  public Violations {
    messages = List.copyOf(messages);
  }

  public static Violations of(String... messages) {
    return new Violations(List.of(messages));
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  /** The messages on one line, for a dead letter's error header or an exception. */
  public String summary() {
    return String.join("; ", messages);
  }

  /** Throws {@link IllegalArgumentException} with the {@link #summary()} unless empty. */
  public void throwIfAny() {
    if (!isEmpty()) {
      throw new IllegalArgumentException(summary());
    }
  }
}
