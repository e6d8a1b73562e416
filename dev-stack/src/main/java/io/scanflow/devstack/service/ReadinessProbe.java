package io.scanflow.devstack.service;

import io.scanflow.devstack.process.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Waits for a service's {@code /q/health/ready} to answer 200, failing fast if it died. */
public final class ReadinessProbe {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private ReadinessProbe() {}

  public static void await(ChildProcess process, String host, int port, Duration timeout) {
    URI uri = URI.create("http://" + host + ":" + port + "/q/health/ready");
    Instant deadline = Instant.now().plus(timeout);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      process.requireAlive();
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
        last = response.statusCode() + " " + response.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for " + process.name(), e);
      }
      pause();
    }
    throw new IllegalStateException(
        process.name()
            + " not ready after "
            + timeout.toSeconds()
            + "s (last answer: "
            + last
            + "); see "
            + process.log()
            + ":\n"
            + process.logTail(30));
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
