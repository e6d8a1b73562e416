package io.scanflow.attribution;

import static io.scanflow.attribution.Scans.SCANNED_AT;
import static io.scanflow.attribution.Scans.aSession;
import static io.scanflow.attribution.Scans.anEventOf;
import static io.scanflow.streams.testing.TopologyTestDrivers.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import io.scanflow.contract.UnattributedReason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scan session belongs to the site that registered it first (pipeline.md section 3): site B
 * cannot take over site A's session by posting its id, which travels in landing-page URLs.
 */
class SessionOwnershipTest {
  private static final String SESSION_ID = "6f1c2d0e-8a4b-4c3d-9e2f-0a1b2c3d4e5f";

  private static final ScanSession OF_SITE_A =
      aSession().withId(SESSION_ID).withSiteId("site-a").withQrCodeId("poster-a").build();
  private static final ScanSession OF_SITE_B =
      aSession()
          .withId(SESSION_ID)
          .withSiteId("site-b")
          .withQrCodeId("poster-b")
          .scannedAt(SCANNED_AT.plus(Duration.ofHours(1)))
          .build();

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private AttributionDriver attribution;

  @BeforeEach
  void startDriver() throws Exception {
    attribution = new AttributionDriver(registry, new Properties());
  }

  @AfterEach
  void closeDriver() {
    attribution.close();
  }

  @Test
  void shouldKeepTheFirstSitesSessionAndDeadLetterAnotherSitesRegistrationUnderThatSite() {
    // given site A registered the session, and site B registers the same id later
    attribution.send(OF_SITE_A);
    attribution.send(OF_SITE_B);

    // when both sites send an event naming it
    IngestedEvent ofSiteA = anEventOf(OF_SITE_A).withEventId("a-1").build();
    IngestedEvent ofSiteB = anEventOf(OF_SITE_B).withEventId("b-1").build();
    attribution.send(ofSiteA);
    attribution.send(ofSiteB);

    // then the session is still A's: A's event is attributed to A's QR code, B's is not B's
    assertThat(attribution.attributed.readValuesToList())
        .extracting(AttributedEvent::attribution)
        .containsExactly(
            Attribution.attributed(OF_SITE_A),
            Attribution.unattributed(UnattributedReason.SITE_MISMATCH));
    // and B's registration is a dead letter of B, with its own bytes, not naming A
    TestRecord<byte[], byte[]> letter = attribution.deadLetters.readRecord();
    assertThat(attribution.deadLetters.isEmpty()).isTrue();
    assertThat(letter.key()).isEqualTo(SESSION_ID.getBytes(StandardCharsets.UTF_8));
    assertThat(letter.value()).isEqualTo(json(OF_SITE_B));
    assertThat(header(letter, DlqHeaders.SITE_ID)).isEqualTo("site-b");
    assertThat(header(letter, DlqHeaders.STAGE)).isEqualTo("attribution-stream");
    assertThat(header(letter, DlqHeaders.ERROR_CLASS))
        .isEqualTo(SessionOwnedByOtherSiteException.class.getName());
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE))
        .startsWith("session_owned_by_other_site: scan session " + SESSION_ID)
        .doesNotContain("site-a");
    assertThat(header(letter, DlqHeaders.SOURCE_TOPIC)).isEqualTo("scan-sessions");
    assertThat(header(letter, DlqHeaders.SOURCE_OFFSET)).isEqualTo("1");
    assertThat(registrations("stored")).isEqualTo(1.0);
    assertThat(registrations("refused")).isEqualTo(1.0);
  }

  @Test
  void shouldGiveTheSessionToSiteBWhenSiteBRegisteredItFirst() {
    attribution.send(OF_SITE_B);
    attribution.send(OF_SITE_A);

    attribution.send(anEventOf(OF_SITE_A).build());
    attribution.send(anEventOf(OF_SITE_B).build());

    assertThat(attribution.attributed.readValuesToList())
        .extracting(AttributedEvent::attribution)
        .containsExactly(
            Attribution.unattributed(UnattributedReason.SITE_MISMATCH),
            Attribution.attributed(OF_SITE_B));
    TestRecord<byte[], byte[]> letter = attribution.deadLetters.readRecord();
    assertThat(header(letter, DlqHeaders.SITE_ID)).isEqualTo("site-a");
    assertThat(header(letter, DlqHeaders.ERROR_MESSAGE)).doesNotContain("site-b");
  }

  @Test
  void shouldKeepTheWholeFirstRegistrationWhenTheSameSiteRegistersTheSessionAgain() {
    // given a retry of the same site's registration, a day later and naming another QR code
    ScanSession again =
        aSession()
            .withId(SESSION_ID)
            .withSiteId("site-a")
            .withQrCodeId("poster-retry")
            .scannedAt(SCANNED_AT.plus(Duration.ofDays(1)))
            .build();
    attribution.send(OF_SITE_A);
    attribution.send(again);

    // when an event happens an hour after the first scan (long before the second)
    attribution.send(anEventOf(OF_SITE_A).at(SCANNED_AT.plus(Duration.ofHours(1))).build());

    // then it is attributed to the first scan, and the retry is no warning
    assertThat(attribution.attributed.readValue().attribution())
        .isEqualTo(Attribution.attributed(OF_SITE_A));
    assertThat(attribution.deadLetters.isEmpty()).isTrue();
    assertThat(registrations("repeated")).isEqualTo(1.0);
  }

  @Test
  void shouldReleaseWaitingEventsOnlyToTheFirstRegistration() {
    // given events of both sites wait for a session nobody registered yet
    attribution.send(anEventOf(OF_SITE_A).build());
    attribution.send(anEventOf(OF_SITE_B).build());

    // when A registers it, then B
    attribution.send(OF_SITE_A);
    attribution.send(OF_SITE_B);

    // then both were released by A's registration, and B's changed nothing
    assertThat(attribution.finals())
        .extracting(out -> out.value().attribution())
        .containsExactlyInAnyOrder(
            Attribution.attributed(OF_SITE_A),
            Attribution.unattributed(UnattributedReason.SITE_MISMATCH));
    assertThat(header(attribution.deadLetters.readRecord(), DlqHeaders.SITE_ID))
        .isEqualTo("site-b");
    attribution.driver.advanceWallClockTime(AttributionDriver.PENDING_TIMEOUT);
    assertThat(attribution.attributed.isEmpty()).as("nothing is left waiting").isTrue();
  }

  @Test
  void shouldLetAnotherSiteRegisterTheSessionAfterAnOperatorErasedIt() {
    attribution.send(OF_SITE_A);
    attribution.scanSessions.pipeInput(SESSION_ID, null);

    attribution.send(OF_SITE_B);
    attribution.send(anEventOf(OF_SITE_B).build());

    assertThat(attribution.attributed.readValue().attribution())
        .isEqualTo(Attribution.attributed(OF_SITE_B));
    assertThat(attribution.deadLetters.isEmpty()).isTrue();
  }

  private double registrations(String outcome) {
    return registry
        .counter("scanflow.attribution.session.registrations", "outcome", outcome)
        .count();
  }

  private static byte[] json(ScanSession session) {
    return Topics.SCAN_SESSIONS.valueSerde().serializer().serialize("", session);
  }
}
