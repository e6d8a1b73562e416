package io.scanflow.ingest.validation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where in the request a problem is: {@code ["body", "events", 3, "scan_session_id"]}. Each
 * location points at its parent, so stepping into a field costs the same at any depth; the path is
 * only spelled out for a problem that is reported.
 */
public final class Loc {
  private final Loc parent;
  private final Object part;

  private Loc(Loc parent, Object part) {
    this.parent = parent;
    this.part = part;
  }

  /** The whole request body. */
  public static Loc body() {
    return new Loc(null, "body");
  }

  public Loc field(String name) {
    return new Loc(this, name);
  }

  public Loc index(int index) {
    return new Loc(this, index);
  }

  public List<Object> parts() {
    List<Object> parts = new ArrayList<>();
    for (Loc at = this; at != null; at = at.parent) {
      parts.add(at.part);
    }
    Collections.reverse(parts);
    return Collections.unmodifiableList(parts);
  }

  @Override
  public String toString() {
    return parts().toString();
  }
}
