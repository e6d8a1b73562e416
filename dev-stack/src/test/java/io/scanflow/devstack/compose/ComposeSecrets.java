package io.scanflow.devstack.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The variables of {@code .env.example}, each with a value made up for a test. */
public final class ComposeSecrets {
  public static final String TEMPLATE = ".env.example";

  private ComposeSecrets() {}

  /** {@code SCANFLOW_KAFKA_ADMIN_PASSWORD=test_scanflow_kafka_admin_password}, and so on. */
  public static Map<String, String> forTest() {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (String name : names()) {
      secrets.put(name, "test_" + name.toLowerCase(Locale.ROOT));
    }
    return secrets;
  }

  public static Iterable<String> names() {
    try {
      return Files.readAllLines(ComposeFile.REPO.resolve(TEMPLATE)).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.substring(0, line.indexOf('=')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
