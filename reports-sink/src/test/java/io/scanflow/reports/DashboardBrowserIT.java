package io.scanflow.reports;

import static io.scanflow.reports.TestEvents.anEvent;
import static io.scanflow.reports.TestEvents.duplicateOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.reports.sink.SinkHealth;
import io.scanflow.testsupport.HeadlessChromium;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DashboardBrowserIT {
  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;
  @Inject SinkHealth sinkHealth;

  @TestHTTPResource("/")
  URL dashboard;

  private ChromeDriver browser;
  private AttributedEvent fresh;
  private WebDriverWait wait;

  @BeforeEach
  void startBrowser() throws Exception {
    browser = HeadlessChromium.start(1400, 1500);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      try {
        // the Content-Security-Policy must not have blocked anything the dashboard does
        assertThat(js("return window.cspViolations || []")).as("CSP violations").asList().isEmpty();
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  void shouldShowANewEventLiveMarkItsDuplicateAndTraceIt() throws Exception {
    String site = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    AttributedEvent earlier = anEvent(site).withValue("12.50", "EUR").build();
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(site, "Browser Shop");
      publisher.attributed(
          earlier, anEvent(site).unattributed(UnattributedReason.SESSION_NOT_FOUND).build());
      SinkProgress.awaitCaughtUp(kafka);

      // given a signed-in admin on the site page
      openSitePage(site);
      awaitTile("tile-events", "2");
      ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

      // when a new event arrives, it shows up by itself and is counted (its id has slashes,
      // which the lookup below must percent-encode)
      fresh =
          anEvent(site)
              .withEventId("order/2026/" + UUID.randomUUID())
              .attributedTo("qr-poster")
              .withValue("30.00", "EUR")
              .build();
      publisher.attributed(fresh);
      String eventId = fresh.event().eventId();
      wait.until(ExpectedConditions.presenceOfElementLocated(row(eventId, "counted")));
      awaitTile("tile-events", "3");
      assertThat(text(By.id("tile-value"))).contains("EUR 42.50");

      // when its duplicate arrives, it is marked and the count stays
      publisher.duplicates(duplicateOf(fresh));
      wait.until(ExpectedConditions.presenceOfElementLocated(row(eventId, "duplicate")));
      awaitTile("tile-duplicates", "1");
      assertThat(tileValue("tile-events")).isEqualTo("3");
      assertThat(text(By.id("tile-value"))).contains("EUR 42.50");
      assertThat(browser.findElement(row(eventId, "duplicate")).getText()).contains("duplicate");
    }

    // then the lookup shows its way through the pipeline, duplicate included
    type(By.id("trace-input"), fresh.event().eventId());
    click(By.id("trace-submit"));
    WebElement trace =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(
                    "[data-testid='trace'][data-event-id='" + fresh.event().eventId() + "']")));
    assertThat(trace.getText())
        .contains("Accepted", "Deduplicated", "Attributed", "Stored", "QR qr-poster")
        .contains("Duplicate receipts (1)");
    assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true"))
        .isEqualTo(true);
    saveScreenshot("dashboard.png");
  }

  @Test
  void shouldShowTheSitesWarningsAndABannerWhileProcessingIsStalled() throws Exception {
    // given a site with one dead letter: an event the sink could not store
    String site = "warned-" + UUID.randomUUID().toString().substring(0, 8);
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(site, "Warned Shop");
    }
    SinkProgress.awaitCaughtUp(kafka);
    DeadLetterRows.insert(
        database,
        "reports-sink",
        site,
        "order-<b>7</b>",
        "org.postgresql.util.PSQLException",
        "unsupported Unicode escape sequence <script>",
        Instant.now());

    // when the admin opens the site page
    openSitePage(site);

    // then the warning is counted on its tile and listed, as text
    awaitTile("tile-warnings", "1");
    WebElement warning =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='warning-row']")));
    assertThat(warning.getText())
        .contains("reports-sink", "org.postgresql.util.PSQLException")
        .contains("unsupported Unicode escape sequence <script>", "order-<b>7</b>");
    assertThat(browser.findElement(By.id("stall-banner")).isDisplayed()).isFalse();

    // when the sink has been failing for longer than the stall limit
    Instant since = Instant.now().minusSeconds(45);
    sinkHealth.failing(since, "database unreachable: Connection refused");
    try {
      // then every page says so in a red banner
      WebElement banner =
          wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("stall-banner")));
      assertThat(banner.getText())
          .startsWith("Processing stalled since ")
          .contains("reports-sink: database unreachable: Connection refused");
      saveScreenshot("dashboard-stalled.png");
    } finally {
      sinkHealth.progressed();
    }

    // and it goes away once the sink moves again
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("stall-banner")));
  }

  @Test
  void shouldCountTheChosenDateRangeAndKeepItInTheUrl() throws Exception {
    // given a site with an event of today and one of 20 days ago
    String site = "ranged-" + UUID.randomUUID().toString().substring(0, 8);
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(site, "Ranged Shop");
      publisher.attributed(
          anEvent(site).build(),
          anEvent(site).at(Instant.now().minus(Duration.ofDays(20))).build());
    }
    SinkProgress.awaitCaughtUp(kafka);

    // when the admin opens the site page, the default range (30 d) counts both
    openSitePage(site);
    awaitTile("tile-events", "2");
    assertThat(pressed("30d")).isTrue();

    // when the 7 d preset is chosen, the URL says so and only today's event is counted
    click(By.cssSelector("[data-testid='date-range'] button[data-range='7d']"));
    wait.until(driver -> driver.getCurrentUrl().contains("range=7d"));
    awaitTile("tile-events", "1");
    assertThat(text(By.id("site-range"))).contains("(UTC)");

    // and a reload keeps the range
    browser.navigate().refresh();
    awaitTile("tile-events", "1");
    assertThat(pressed("7d")).isTrue();
    saveScreenshot("dashboard-range.png");

    // when a custom range is picked that holds only the older event
    String day =
        js("const day = new Date(Date.now() - 20 * 86400000).toISOString().slice(0, 10);"
                + " const from = document.getElementById('range-from');"
                + " const to = document.getElementById('range-to');"
                + " from.value = day; to.value = day;"
                + " to.dispatchEvent(new Event('change'));"
                + " return day;")
            .toString();
    wait.until(driver -> driver.getCurrentUrl().contains("from=" + day + "&to=" + day));
    wait.until(driver -> text(By.id("site-range")).startsWith(day + " – " + day));
    awaitTile("tile-events", "1");
    assertThat(browser.getCurrentUrl()).doesNotContain("range=");
    assertThat(pressed("7d")).isFalse();
  }

  private boolean pressed(String preset) {
    return "true"
        .equals(
            browser
                .findElement(
                    By.cssSelector(
                        "[data-testid='date-range'] button[data-range='" + preset + "']"))
                .getDomAttribute("aria-pressed"));
  }

  @Test
  void shouldBadgeATestEventAndLeaveTheTotalsUnchanged() throws Exception {
    String site = "tested-" + UUID.randomUUID().toString().substring(0, 8);
    AttributedEvent test = anEvent(site).asTest().withValue("99.00", "EUR").build();
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      // given a site page showing one real event
      publisher.site(site, "Test Shop");
      publisher.attributed(anEvent(site).withValue("5.00", "EUR").build());
      SinkProgress.awaitCaughtUp(kafka);
      openSitePage(site);
      awaitTile("tile-events", "1");

      // when a test event arrives, it shows up with its badge
      publisher.attributed(test);
      String eventId = test.event().eventId();
      By badge =
          By.cssSelector(
              "#events-table tr[data-event-id='" + eventId + "'] [data-testid='test-badge']");
      assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(badge)).getText())
          .isEqualTo("test");
    }

    // then the next refresh still counts only the real event
    String refreshed = text(By.id("live-status"));
    wait.until(driver -> !refreshed.equals(text(By.id("live-status"))));
    assertThat(tileValue("tile-events")).isEqualTo("1");
    assertThat(text(By.id("tile-value"))).contains("EUR 5.00").doesNotContain("99");

    // and its trace carries the badge too
    type(By.id("trace-input"), test.event().eventId());
    click(By.id("trace-submit"));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-testid='trace'] [data-testid='test-badge']")));
    saveScreenshot("dashboard-test-event.png");
  }

  @Test
  void shouldShowAPendingEventWaitingForItsSessionUncountedUntilItTurnsCounted() throws Exception {
    String site = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    AttributedEvent counted = anEvent(site).build();
    AttributedEvent waiting =
        anEvent(site).unattributed(UnattributedReason.SESSION_NOT_FOUND).build();
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(site, "Pending Shop");
      publisher.attributed(counted);
      SinkProgress.awaitCaughtUp(kafka);
      openSitePage(site);
      awaitTile("tile-events", "1");

      // when an event starts waiting for its scan session, it shows up at once, not counted
      publisher.attributed(TestEvents.pendingOf(waiting, Instant.now().plusSeconds(60)));
      String eventId = waiting.event().eventId();
      WebElement pending =
          wait.until(ExpectedConditions.presenceOfElementLocated(row(eventId, "pending")));
      assertThat(pending.getText())
          .containsPattern("waiting for scan session until \\d\\d:\\d\\d:\\d\\d");
      assertThat(tileValue("tile-events")).isEqualTo("1");
      saveScreenshot("dashboard-pending.png");

      // when its final record arrives, the same row turns counted and is counted once
      publisher.attributed(waiting);
      wait.until(ExpectedConditions.presenceOfElementLocated(row(eventId, "counted")));
      awaitTile("tile-events", "2");
      assertThat(
              browser.findElements(
                  By.cssSelector("#events-table tr[data-event-id='" + eventId + "']")))
          .hasSize(1);
      assertThat(text(By.cssSelector("#events-table tr[data-event-id='" + eventId + "']")))
          .contains("unattributed: session not found");
    }
  }

  @Test
  void shouldShowARejectedRequestWithoutAReload() throws Exception {
    // given a site whose page is open, with no rejected request yet
    String site = "rejected-" + UUID.randomUUID().toString().substring(0, 8);
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(site, "Rejected Shop");
    }
    SinkProgress.awaitCaughtUp(kafka);
    openSitePage(site);
    awaitTile("tile-rejections", "0");
    Object marker = js("return window.rejectionsPageMarker = 'same page';");

    // when ingest-api refuses a request of the site with 422
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.rejection(
          new RequestRejection(
              site,
              Instant.now(),
              "/server-events",
              422,
              "order-<i>9</i>",
              ContractJson.mapper()
                  .readTree(
                      "[{\"loc\": [\"body\", \"event_name\"], \"msg\": \"field required\","
                          + " \"type\": \"value_error.missing\"}]")));
    }

    // then it is counted and listed with its problems, as text, on the same page
    awaitTile("tile-rejections", "1");
    WebElement rejection =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='rejection-row'][data-status='422']")));
    assertThat(rejection.getText())
        .contains("422", "/server-events", "order-<i>9</i>", "body › event_name: field required");
    assertThat(text(By.cssSelector("#tile-rejections [data-sub]"))).isEqualTo("1× 422");

    // and a request ingest-api shed at capacity is counted beside it
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.rejection(
          new RequestRejection(
              site,
              Instant.now(),
              "/server-events/batch",
              503,
              null,
              ContractJson.mapper()
                  .getNodeFactory()
                  .textNode("Ingest is at capacity, retry later")));
    }
    awaitTile("tile-rejections", "2");
    assertThat(text(By.cssSelector("#tile-rejections [data-sub]"))).isEqualTo("1× 422 · 1× 503");
    assertThat(
            wait.until(
                    ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("[data-testid='rejection-row'][data-status='503']")))
                .getText())
        .contains("503", "/server-events/batch", "Ingest is at capacity, retry later");
    assertThat(js("return window.rejectionsPageMarker")).isEqualTo(marker);
    saveScreenshot("dashboard-rejections.png");
  }

  private void openSitePage(String site) {
    browser.get(dashboard.toString());
    // the dashboard is one page: what it does from here on happens under this listener
    js(
        "window.cspViolations = [];"
            + " document.addEventListener('securitypolicyviolation',"
            + " e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
    type(By.id("token"), ReportsApi.ADMIN_TOKEN);
    click(By.id("login-submit"));
    click(By.id("nav-integrations"));
    click(By.id("integration-conversion-tracking"));
    click(By.cssSelector("[data-testid='site-link-" + site + "']"));
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private By row(String eventId, String status) {
    return By.cssSelector(
        "#events-table tr[data-event-id='" + eventId + "'][data-status='" + status + "']");
  }

  private void awaitTile(String id, String value) {
    wait.until(driver -> value.equals(tileValue(id)));
  }

  private String tileValue(String id) {
    return browser.findElement(By.cssSelector("#" + id + " [data-value]")).getText().trim();
  }

  private String text(By by) {
    return browser.findElement(by).getText();
  }

  private void type(By by, String text) {
    WebElement input = wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    input.clear();
    input.sendKeys(text);
  }

  private void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  private void saveScreenshot(String name) throws Exception {
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        target,
        StandardCopyOption.REPLACE_EXISTING);
  }
}
