package io.scanflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The {@code .scanflow/} directory: logs, data that persists between runs, and the admin token,
 * which is generated once and kept even by {@code --clean}.
 */
public final class StackHome {
  private final Path root;

  public StackHome(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path log(String name) {
    return logs().resolve(name + ".log");
  }

  public Path data() {
    return root.resolve("data");
  }

  public Path kafkaData() {
    return data().resolve("kafka");
  }

  public Path postgresData() {
    return data().resolve("postgres");
  }

  /** Local state (RocksDB) of a streams application. */
  public Path stateDir(String service) {
    return data().resolve(service).resolve("state");
  }

  /** The demo site lives with the data: a clean start creates a new one. */
  public Path demoSiteFile() {
    return data().resolve("demo-site.json");
  }

  public Path infoFile() {
    return root.resolve("dev-stack.json");
  }

  public void createDirectories() {
    try {
      Files.createDirectories(logs());
      Files.createDirectories(data());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes all data (topics, tables, state, demo site); keeps logs and the admin token. */
  public void wipeData() {
    deleteRecursively(data());
  }

  /** The admin token, generated on first use and kept in {@code .scanflow/admin-token}. */
  public String adminToken() {
    Path file = root.resolve("admin-token");
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = "sf_admin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.createDirectories(root);
      Files.writeString(file, token + "\n");
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(Comparator.reverseOrder()).forEach(StackHome::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
