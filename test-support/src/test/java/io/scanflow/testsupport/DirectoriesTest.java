package io.scanflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
  @TempDir Path temp;

  @Test
  void shouldDeleteTheDirectoryWithEverythingBelowIt() throws Exception {
    Path root = temp.resolve("profile");
    Files.createDirectories(root.resolve("Default/Cache"));
    Files.writeString(root.resolve("Default/Cache/data_0"), "cached");
    Files.writeString(root.resolve("Local State"), "{}");

    Directories.deleteRecursively(root);

    assertThat(root).doesNotExist();
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void shouldDoNothingForADirectoryThatIsNotThere() throws Exception {
    Directories.deleteRecursively(temp.resolve("gone"));

    assertThat(temp).isEmptyDirectory();
  }
}
