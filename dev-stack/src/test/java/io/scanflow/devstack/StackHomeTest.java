package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
  void shouldKeepTheHomeAndTheAdminTokenFromOtherLocalUsers(@TempDir Path dir) throws Exception {
    StackHome home = new StackHome(dir.resolve(".scanflow"));

    home.createDirectories();
    home.adminToken();

    assertThat(OwnerOnlyTest.mode(home.root())).isEqualTo("rwx------");
    assertThat(OwnerOnlyTest.mode(home.data())).isEqualTo("rwx------");
    assertThat(OwnerOnlyTest.mode(home.logs())).isEqualTo("rwx------");
    assertThat(OwnerOnlyTest.mode(home.adminTokenFile())).isEqualTo("rw-------");
  }

  @Test
  void shouldRestrictAnAdminTokenAnOlderVersionLeftReadable(@TempDir Path dir) throws Exception {
    StackHome home = new StackHome(dir);
    Files.writeString(home.adminTokenFile(), "sf_admin_old\n");
    Files.setPosixFilePermissions(
        home.adminTokenFile(), PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(home.adminToken()).isEqualTo("sf_admin_old");

    assertThat(OwnerOnlyTest.mode(home.adminTokenFile())).isEqualTo("rw-------");
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
