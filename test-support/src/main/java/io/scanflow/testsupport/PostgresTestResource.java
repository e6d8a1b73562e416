package io.scanflow.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.Map;

/**
 * Starts a real PostgreSQL (embedded binaries) for a {@code @QuarkusTest} and points the datasource
 * at it; a test receives it in a field annotated {@link InjectPostgres}.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
  private PostgresTestDatabase database;

  @Override
  public Map<String, String> start() {
    database = PostgresTestDatabase.start();
    return Map.of(
        "quarkus.datasource.jdbc.url", database.jdbcUrl(),
        "quarkus.datasource.username", database.username(),
        "quarkus.datasource.password", database.password());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        database,
        new TestInjector.AnnotatedAndMatchesType(InjectPostgres.class, PostgresTestDatabase.class));
  }

  @Override
  public void stop() {
    try {
      if (database != null) {
        database.close();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
