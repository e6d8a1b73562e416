package io.scanflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only their owner can read: the admin token, the demo API key, {@code
 * dev-stack.json} and the directories that hold them. Their permissions are set when they are
 * created, so there is no moment in which another local user could read a secret (a {@code chmod}
 * after writing leaves one, and the default umask gives 0644). On a file system without POSIX
 * permissions they are created as usual.
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private OwnerOnly() {}

  /**
   * Creates {@code dir} as 0700 (its missing parents as usual); one that exists already, e.g. from
   * an older version, is restricted to 0700.
   */
  static void createDirectory(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        restrict(dir, DIRECTORY);
        return;
      }
      Files.createDirectories(dir.toAbsolutePath().getParent());
      try {
        Files.createDirectory(dir, attributes(dir, DIRECTORY));
      } catch (FileAlreadyExistsException concurrentlyCreated) {
        restrict(dir, DIRECTORY);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code content} to a new 0600 file next to {@code file}, then moves it over {@code
   * file}: readers never see half a file, and never a readable one.
   */
  static void write(Path file, String content) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path temp =
          Files.createTempFile(dir, "." + file.getFileName(), ".tmp", attributes(dir, FILE));
      try {
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Restricts a secret file written by an older version (with the default umask) to 0600. */
  static void restrictFile(Path file) {
    try {
      restrict(file, FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (isPosix(path) && !Files.getPosixFilePermissions(path).equals(permissions)) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
    return isPosix(path)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  private static boolean isPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
