package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackHomeTest {

  @Test
  void shouldGenerateAdminTokenOnceAndKeepIt(@TempDir Path dir) {
    StackHome home = new StackHome(dir);

    String first = home.adminToken();

    assertThat(first).startsWith("sf_admin_").hasSizeGreaterThan(30);
    assertThat(new StackHome(dir).adminToken()).isEqualTo(first);
  }

  @Test
  void shouldWipeDataButKeepTokenAndLogsOnCleanStart(@TempDir Path dir) throws Exception {
    StackHome home = new StackHome(dir);
    home.createDirectories();
    String token = home.adminToken();
    Files.writeString(home.demoSiteFile(), "{}");
    Files.createDirectories(home.kafkaData());
    Files.writeString(home.log("kafka"), "old log");

    home.wipeData();

    assertThat(home.data()).doesNotExist();
    assertThat(home.log("kafka")).exists();
    assertThat(home.adminToken()).isEqualTo(token);
  }
}
