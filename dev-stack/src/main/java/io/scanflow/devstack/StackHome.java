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
 * which is generated once and kept even by {@code --clean}. It holds secrets (the admin token, the
 * demo API key, the data), so it and its secret files are the owner's only ({@link OwnerOnly}).
 */
public final class StackHome {
  /** Where it is unless {@code --home} says otherwise: in the repo root, where ./scanflow runs. */
  static final String DEFAULT_DIR = ".scanflow";

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

  /** Data of Kafka broker {@code n} (from 1): {@code kafka}, {@code kafka-2}, ... */
  public Path kafkaData(int n) {
    return data().resolve(StackScale.name("kafka", n));
  }

  public Path postgresData() {
    return data().resolve("postgres");
  }

  /** Local state (RocksDB) of a streams application. */
  public Path stateDir(String service) {
    return data().resolve(service).resolve("state");
  }

  /** Local state of instance {@code n} (from 1) of a streams application: each has its own. */
  public Path stateDir(String service, int n) {
    return stateDir(StackScale.name(service, n));
  }

  /**
   * The temporary directory ({@code java.io.tmpdir}) of one service instance. Emptied before each
   * start: a JVM that was killed leaves its files there (RocksDB unpacks its 15 MB native library
   * into it at every start), and they must not pile up in the machine's {@code /tmp}.
   */
  public Path tmpDir(String instance) {
    return root.resolve("tmp").resolve(instance);
  }

  /** The demo site lives with the data: a clean start creates a new one. */
  public Path demoSiteFile() {
    return data().resolve("demo-site.json");
  }

  public Path infoFile() {
    return root.resolve("dev-stack.json");
  }

  /** {@code .scanflow/}, {@code logs/} and {@code data/}, all 0700. */
  public void createDirectories() {
    OwnerOnly.createDirectory(root);
    OwnerOnly.createDirectory(logs());
    OwnerOnly.createDirectory(data());
  }

  /** Deletes all data (topics, tables, state, demo site); keeps logs and the admin token. */
  public void wipeData() {
    deleteRecursively(data());
  }

  public Path adminTokenFile() {
    return root.resolve("admin-token");
  }

  /** The admin token, generated on first use and kept in {@code .scanflow/admin-token} (0600). */
  public String adminToken() {
    Path file = adminTokenFile();
    OwnerOnly.createDirectory(root);
    try {
      if (Files.exists(file)) {
        OwnerOnly.restrictFile(file);
        return Files.readString(file).trim();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String token = "sf_admin_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    OwnerOnly.write(file, token + "\n");
    return token;
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
