package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {
  @TempDir Path dir;

  @Test
  void shouldCreateDirectoriesForTheOwnerOnly() throws Exception {
    Path nested = dir.resolve("a/b");

    OwnerOnly.createDirectory(nested);

    assertThat(mode(nested)).isEqualTo("rwx------");
  }

  @Test
  void shouldRestrictADirectoryAnOlderVersionCreatedOpen() throws Exception {
    Path old = Files.createDirectory(dir.resolve("old"));
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));

    OwnerOnly.createDirectory(old);

    assertThat(mode(old)).isEqualTo("rwx------");
  }

  @Test
  void shouldReplaceAReadableFileWithAnOwnerOnlyOne() throws Exception {
    Path file = dir.resolve("secret.json");
    Files.writeString(file, "old");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    OwnerOnly.write(file, "new");

    assertThat(file).hasContent("new");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(dir).isDirectoryNotContaining(path -> path.toString().endsWith(".tmp"));
  }

  static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
