package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.devstack.StackInfo;
import io.scanflow.testsupport.HeadlessChromium;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The verification guide in the browser: log in, Integrations -> Conversion Tracking -> the site,
 * and watch the test event arrive as counted and its resend as a duplicate, counts unchanged.
 */
@ExtendWith(RunningStack.class)
class DashboardIT {
  private static final Duration LIVE_WITHIN = Duration.ofSeconds(30);

  private final StackInfo stack;
  private final ScanflowClient client;
  private WebDriver browser;

  DashboardIT(StackInfo stack) {
    this.stack = stack;
    this.client = new ScanflowClient(stack);
  }

  @BeforeEach
  void openBrowser() throws Exception {
    browser = HeadlessChromium.start(1280, 1000);
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void shouldShowTestEventLiveAsCountedAndItsResendAsDuplicate() {
    var site = client.createSite("Dashboard shop");
    String eventId = "dashboard-" + UUID.randomUUID();
    Map<String, Object> event =
        Map.of(
            "site_id",
            site.getKey(),
            "event_name",
            "purchase",
            "event_id",
            eventId,
            "scan_session_id",
            UUID.randomUUID().toString());
    openSitePage(site.getKey());

    assertThat(client.postEvent(site.getValue(), event).status()).isEqualTo(200);

    awaitRow(eventId, "counted");
    awaitTile("tile-events", "1");

    assertThat(client.postEvent(site.getValue(), event).status()).isEqualTo(200);

    awaitRow(eventId, "duplicate");
    awaitTile("tile-duplicates", "1");
    assertThat(tile("tile-events")).isEqualTo("1");
  }

  private void openSitePage(String siteId) {
    browser.get(stack.dashboardUrl());
    waitFor(By.id("token")).sendKeys(stack.adminToken());
    browser.findElement(By.id("login-submit")).click();
    waitFor(By.cssSelector("[data-testid=integration-conversion-tracking]")).click();
    // the site list comes from the sink, which learns of a new site from tracking-sites
    new WebDriverWait(browser, LIVE_WITHIN)
        .until(
            driver -> {
              driver.navigate().refresh();
              return !driver
                  .findElements(By.cssSelector("[data-testid=site-link-" + siteId + "]"))
                  .isEmpty();
            });
    browser.findElement(By.cssSelector("[data-testid=site-link-" + siteId + "]")).click();
    waitFor(By.id("tile-events"));
  }

  private void awaitRow(String eventId, String status) {
    waitFor(By.cssSelector("tr[data-event-id='" + eventId + "'][data-status='" + status + "']"));
  }

  private void awaitTile(String id, String value) {
    new WebDriverWait(browser, LIVE_WITHIN).until(driver -> value.equals(tile(id)));
  }

  private String tile(String id) {
    return browser
        .findElement(By.id(id))
        .findElement(By.cssSelector("[data-value]"))
        .getText()
        .trim();
  }

  private WebElement waitFor(By locator) {
    return new WebDriverWait(browser, LIVE_WITHIN)
        .until(ExpectedConditions.visibilityOfElementLocated(locator));
  }
}
