package io.scanflow.ingest.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Where in the request a problem is: {@code ["body", "events", 3, "scan_session_id"]}. */
public final class Loc {
  private final List<Object> parts;

  private Loc(List<Object> parts) {
    this.parts = Collections.unmodifiableList(parts);
  }

  /** The whole request body. */
  public static Loc body() {
    return new Loc(List.of("body"));
  }

  public Loc field(String name) {
    return append(name);
  }

  public Loc index(int index) {
    return append(index);
  }

  public List<Object> parts() {
    return parts;
  }

  private Loc append(Object part) {
    List<Object> longer = new ArrayList<>(parts.size() + 1);
    longer.addAll(parts);
    longer.add(part);
    return new Loc(longer);
  }

  @Override
  public String toString() {
    return parts.toString();
  }
}
