package io.scanflow.devstack.service;

import io.scanflow.devstack.Poll;
import io.scanflow.devstack.process.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waits for a service's {@code /q/health/ready} to answer 200, failing fast if it died. */
public final class ReadinessProbe {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final ChildProcess process;
  private final HttpRequest request;
  private String lastAnswer = "no answer";

  private ReadinessProbe(ChildProcess process, URI uri) {
    this.process = process;
    this.request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build();
  }

  public static void await(ChildProcess process, String host, int port, Duration timeout) {
    ReadinessProbe probe =
        new ReadinessProbe(process, URI.create("http://" + host + ":" + port + "/q/health/ready"));
    Poll.untilOrThrow(
        probe::isReady,
        timeout,
        POLL_INTERVAL,
        () ->
            process.name()
                + " not ready after "
                + timeout.toSeconds()
                + "s (last answer: "
                + probe.lastAnswer
                + "); see "
                + process.log()
                + ":\n"
                + process.logTail(30));
  }

  /** One look; remembers what the service answered, for the message if it never gets ready. */
  private boolean isReady() throws InterruptedException {
    process.requireAlive();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      lastAnswer = response.statusCode() + " " + response.body();
      return response.statusCode() == 200;
    } catch (IOException e) {
      lastAnswer = e.toString();
      return false;
    }
  }
}
