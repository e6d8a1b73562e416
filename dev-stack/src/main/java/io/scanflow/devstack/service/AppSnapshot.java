package io.scanflow.devstack.service;

import io.scanflow.devstack.StackHome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A private copy of a service's {@code target/quarkus-app} (hard links where possible, so it costs
 * nothing). The service runs from it, so rebuilding a module while the stack runs (another
 * terminal, an IDE) cannot pull jars from under a running JVM.
 */
final class AppSnapshot {
  private AppSnapshot() {}

  /** Replaces {@code target}'s contents with {@code source}'s; returns {@code target}. */
  static Path of(Path source, Path target) {
    StackHome.deleteRecursively(target);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          link(file, copy);
        }
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not snapshot " + source, e);
    }
  }

  private static void link(Path file, Path copy) throws IOException {
    try {
      Files.createLink(copy, file);
    } catch (IOException | UnsupportedOperationException otherFileSystem) {
      Files.copy(file, copy);
    }
  }
}
