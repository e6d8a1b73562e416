package io.scanflow.reports.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {
  @Test
  void shouldDropNulAndUnpairedSurrogatesAndKeepEverythingElse() {
    assertThat(StorableText.of("a\u0000b\ud800c\udc00d", 100)).isEqualTo("abcd");
    assertThat(StorableText.of("emoji \ud83d\ude00, RTL \u05e9\u05dc\u05d5\u05dd", 100))
        .isEqualTo("emoji \ud83d\ude00, RTL \u05e9\u05dc\u05d5\u05dd");
  }

  @Test
  void shouldCutToTheLengthWithoutSplittingAPair() {
    assertThat(StorableText.of("ab\ud83d\ude00", 3)).isEqualTo("ab");
    assertThat(StorableText.of("abcdef", 4)).isEqualTo("abcd");
  }

  @Test
  void shouldFallBackWhenNothingStorableIsLeft() {
    assertThat(StorableText.orElse("\u0000", 10, "unknown")).isEqualTo("unknown");
    assertThat(StorableText.of(null, 10)).isNull();
  }
}
