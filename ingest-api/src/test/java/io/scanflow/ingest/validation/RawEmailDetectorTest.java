package io.scanflow.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two corpora of the raw e-mail guard (docs/http-api.md): what it must refuse, and the ordinary
 * strings with an {@code @} that it must let pass, each with the reason.
 */
class RawEmailDetectorTest {
  /** The size of the largest {@code properties} object. */
  private static final int PROPERTIES_BYTES = 10_240;

  static Stream<Arguments> mustRefuse() {
    return Stream.of(
        refuse("alice@example.com", "the plain form"),
        refuse("Mail: Jane.Doe@example.com, thanks", "an address inside a sentence"),
        refuse("ALICE@EXAMPLE.COM", "upper case"),
        refuse("alice+news@shop.co.uk", "sub-addressing and a multi-label domain"),
        refuse("a@b.io", "the shortest usual form"),
        refuse("<alice@example.com>", "in angle brackets, as in a From: header"),
        refuse("Write to alice@example.com.", "a sentence's full stop is not part of the domain"),
        refuse("mailto:alice@example.com", "a mailto link"),
        refuse("alice%40example.com", "percent-encoded @, as URLs put into properties carry it"),
        refuse("https://shop.example/thanks?email=alice%40example.com", "inside a query string"),
        refuse("alice%2Bnews%40Example.com", "encoded +, encoded @"),
        refuse("alice%2540example.com", "double-encoded: a URL encoded into another URL"),
        refuse("alice%252540example.com", "encoded three times over"),
        refuse(
            "https%3A%2F%2Fx.io%2F%3Fu%3Dalice%2540example.com",
            "a whole URL encoded as a parameter of another"),
        refuse("alice@bücher.de", "an internationalised domain (U-label)"),
        refuse("alice@xn--bcher-kva.de", "the same domain as an A-label (punycode)"),
        refuse("alice@b%C3%BCcher.de", "the same domain percent-encoded as UTF-8"),
        refuse("иван@пример.рф", "Cyrillic local part and top-level domain"),
        refuse("用户@例子.广告", "Chinese local part and top-level domain"),
        refuse("alice@例子。广告", "the ideographic full stop separates labels like a dot"),
        refuse("alice@मराठी.भारत", "a Devanagari domain, vowel signs included"),
        refuse("alice@example.xn--p1ai", "a top-level domain as an A-label (.рф)"),
        refuse("alice＠example．com", "full-width @ and dot, as CJK input methods type them"),
        refuse("alice\uFE6Bexample.com", "the small commercial at, which NFKC makes an @"),
        refuse("@alice@mastodon.social", "a fediverse handle: a person's address, same risk"),
        refuse("git@github.com:org/repo.git", "holds the address git@github.com; not guessed"),
        refuse("https://user:secret@example.com/", "a user name in a URL (and a password)"),
        refuse("admin@intranet.local", "a private domain is still an address"));
  }

  static Stream<Arguments> mustPass() {
    return Stream.of(
        pass("https://medium.com/@alice/post", "@ right after /: a profile path"),
        pass("https://www.tiktok.com/@alice.smith/video/1", "a profile path with a dot"),
        pass("https://medium.com/%40alice/post", "the same path percent-encoded"),
        pass("https://example.com/share?to=@team.lead", "a handle as a query value"),
        pass("@alice", "a handle"),
        pass("Follow @scanflow on X", "a handle in a sentence"),
        pass("＠alice", "a full-width handle"),
        pass("a @ b", "@ between spaces"),
        pass("meet @ 5pm at the café", "@ for 'at'"),
        pass("name@ example.com", "a space after @ ends the domain"),
        pass("user@localhost", "no dot in the domain: no public address"),
        pass("root@server01", "a login to a host"),
        pass("user@example", "no top-level domain"),
        pass("admin@10.0.0.1", "a login to a device: the last label is a number"),
        pass("lodash@4.17.21", "an npm package at a version"),
        pass("@babel/core@7.24.0", "a scoped package at a version"),
        pass("@scope/pkg", "an npm scope"),
        pass("pkg@latest", "a dist-tag"),
        pass("@media (max-width: 600px)", "a CSS at-rule"),
        pass("@Override", "a Java annotation"),
        pass("@app.route('/')", "a Python decorator"),
        pass("2@3.50", "a price"),
        pass("logo@2x.png", "a high-resolution image name"),
        pass("https://cdn.example.com/img/icon@1.5x.webp", "an image scale with a fraction"),
        pass("100% of 40 users", "a percent sign"),
        pass("discount 50%40 off", "%40 decodes to @, with no address around it"),
        pass("%", "a lone percent sign"),
        pass("%zz%4", "not an escape"),
        pass("Order #123 @ Store 5", "@ between words and spaces"),
        pass("@here @channel", "mentions"),
        pass("email_hash", "the word, not an address"));
  }

  static Stream<Arguments> adversarial() {
    return Stream.of(
        slow("a@".repeat(PROPERTIES_BYTES / 2), "an @ after every letter"),
        slow("a@b" + ".b".repeat(PROPERTIES_BYTES / 2), "one domain of 5,000 labels"),
        slow("a".repeat(PROPERTIES_BYTES) + "@", "a local part of 10 KB"),
        slow("@".repeat(PROPERTIES_BYTES), "only at signs"),
        slow("x@1.".repeat(PROPERTIES_BYTES / 4), "many domains ending in a number"),
        slow("%25".repeat(PROPERTIES_BYTES / 3), "an escape that decodes to another escape"),
        slow("%40a".repeat(PROPERTIES_BYTES / 4), "many encoded at signs"),
        slow("a@" + "ü".repeat(PROPERTIES_BYTES / 2), "a non-ASCII domain of 5,000 letters"),
        slow("\uFDFA".repeat(PROPERTIES_BYTES / 3), "characters that normalise to 18 each"),
        slow("a@b.c@".repeat(PROPERTIES_BYTES / 6), "dots and at signs alternating"));
  }

  private static Arguments refuse(String text, String reason) {
    return Arguments.of(text, reason);
  }

  private static Arguments pass(String text, String reason) {
    return Arguments.of(text, reason);
  }

  private static Arguments slow(String text, String shape) {
    return Arguments.of(text, shape);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("mustRefuse")
  void shouldFindAnAddressInEveryForm(String text, String reason) {
    assertThat(RawEmailDetector.containsEmail(text)).as(reason).isTrue();
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("mustPass")
  void shouldLetOrdinaryStringsWithAnAtSignPass(String text, String reason) {
    assertThat(RawEmailDetector.containsEmail(text)).as(reason).isFalse();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("adversarial")
  void shouldScanTenKilobytesInMilliseconds(String text, String shape) {
    assertThat(fastestOfFiveScans(text)).as(shape).isLessThan(Duration.ofMillis(20));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("adversarial")
  void shouldScanTenTimesAsMuchInLinearTime(String text, String shape) {
    // A scan that went back over the string for each @ would take seconds here; this one takes
    // tens of milliseconds at most (a batch can carry a string of nearly 1 MB).
    assertThat(fastestOfFiveScans(text.repeat(10))).as(shape).isLessThan(Duration.ofMillis(500));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("mustRefuse")
  void shouldFindAnAddressInsideALongString(String text, String reason) {
    String padded = "x ".repeat(2_000) + text + " y".repeat(2_000);
    assertThat(RawEmailDetector.containsEmail(padded)).as(reason).isTrue();
  }

  /** The fastest of five, so that a pause of the shared machine is not taken for the scan. */
  private static Duration fastestOfFiveScans(String text) {
    long fastest = Long.MAX_VALUE;
    for (int run = 0; run < 5; run++) {
      long start = System.nanoTime();
      RawEmailDetector.containsEmail(text);
      fastest = Math.min(fastest, System.nanoTime() - start);
    }
    return Duration.ofNanos(fastest);
  }
}
