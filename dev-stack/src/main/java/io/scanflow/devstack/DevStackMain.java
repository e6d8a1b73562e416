package io.scanflow.devstack;

import io.scanflow.devstack.replay.Replay;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Entry point of {@code ./scanflow up|replay}: runs the stack until Ctrl-C or SIGTERM. */
public final class DevStackMain {
  private DevStackMain() {}

  public static void main(String[] args) {
    System.exit(
        DevStackCli.create(
                config -> up(config, false),
                DevStackMain::replay,
                System.getenv(),
                Path.of("").toAbsolutePath())
            .execute(args));
  }

  private static int up(DevStackConfig config, boolean replayAfterStart) throws Exception {
    DevStack stack = new DevStack(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              System.out.println("\nStopping Scanflow dev stack ...");
              stack.close();
              System.out.println("Stopped.");
              stopped.countDown();
            },
            "scanflow-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    StackInfo info;
    try {
      System.out.println("Starting Scanflow dev stack in " + config.home().root());
      info = stack.start();
    } catch (RuntimeException e) {
      // start() has stopped what it started; the hook would only say so again.
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        return 1; // Ctrl-C during start: the hook reports the stop
      }
      System.err.println("\nCould not start the dev stack: " + e.getMessage());
      return 1;
    }
    try (ControlServer control = ControlServer.start(stack, config.ports().control())) {
      System.out.println(info.banner(config.home()));
      if (replayAfterStart) {
        new Replay(stack, System.out::println).run(ControlServer.CATCH_UP_TIMEOUT);
      }
      stopped.await();
    }
    return 0;
  }

  /** Asks the running stack to replay; starts one (and replays in it) when none is running. */
  private static int replay(DevStackConfig config) throws Exception {
    Path infoFile = config.home().infoFile();
    if (Files.exists(infoFile)) {
      StackInfo info = StackInfo.read(infoFile);
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(info.controlUrl() + "/replay"))
              .header("Authorization", "Bearer " + info.adminToken())
              .timeout(ControlServer.CATCH_UP_TIMEOUT.plusMinutes(5))
              .POST(HttpRequest.BodyPublishers.noBody())
              .build();
      try {
        HttpResponse<String> response =
            HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.print(response.body());
        return response.statusCode() == 200 ? 0 : 1;
      } catch (ConnectException notRunning) {
        System.out.println("No running dev stack answered at " + info.controlUrl() + ".");
      }
    }
    System.out.println("Starting the dev stack, then replaying in it.");
    return up(config, true);
  }
}
