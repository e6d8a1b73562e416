package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.devstack.DevStack;
import io.scanflow.devstack.StackHome;
import io.scanflow.devstack.StackPorts;
import io.scanflow.devstack.process.ListeningSockets;
import io.scanflow.devstack.service.ScanflowService;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dev stack started without {@code --bind} is reachable from this machine only: every socket its
 * processes listen on, as the kernel reports it, is on 127.0.0.1.
 */
@ExtendWith(RunningStack.class)
class LocalOnlyIT {

  @Test
  void shouldListenOnTheLoopbackOnly(DevStack stack) {
    Map<String, Long> processes = new LinkedHashMap<>();
    processes.put("kafka", stack.brokerPid());
    processes.put("postgres", stack.database().pid());
    for (ScanflowService service : ScanflowService.values()) {
      processes.put(service.module(), stack.pid(service));
    }

    Map<String, List<InetSocketAddress>> listening = new LinkedHashMap<>();
    processes.forEach((name, pid) -> listening.put(name, ListeningSockets.of(pid)));

    assertThat(listening.values().stream().flatMap(List::stream))
        .as("every listening socket of the stack's processes: %s", listening)
        .allSatisfy(socket -> assertThat(socket.getHostString()).isEqualTo("127.0.0.1"))
        .extracting(InetSocketAddress::getPort)
        .containsAll(portsOf(stack.config().ports()));
  }

  @Test
  void shouldKeepItsSecretsFromOtherLocalUsers(DevStack stack) throws Exception {
    StackHome home = stack.config().home();

    for (Path secret : List.of(home.infoFile(), home.adminTokenFile(), home.demoSiteFile())) {
      assertThat(mode(secret)).as(secret.toString()).isEqualTo("rw-------");
    }
    for (Path dir : List.of(home.root(), home.data(), home.logs())) {
      assertThat(mode(dir)).as(dir.toString()).isEqualTo("rwx------");
    }
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  /** Every port of the stack but the control endpoint, which only ./scanflow up opens. */
  private static List<Integer> portsOf(StackPorts ports) {
    Map<String, Integer> byRole = new LinkedHashMap<>(ports.byRole());
    byRole.remove("control");
    return List.copyOf(byRole.values());
  }
}
