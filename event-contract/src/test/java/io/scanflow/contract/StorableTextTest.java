package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableTextTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "tab\tand\nnewline",
        "\u007F and \u0085",
        "émoji 😀 and RTL שלום",
        "\uD83D\uDE00", // a pair: one emoji
        "\uFFFF"
      })
  void shouldStoreEverythingButNulAndUnpairedSurrogates(String text) {
    assertThat(StorableText.isStorable(text)).isTrue();
    assertThat(StorableText.sanitize(text)).isSameAs(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "\u0000", "x\uD800", "\uD800y", "\uDC00", "\uDE00\uD83D"})
  void shouldRefuseNulAndUnpairedSurrogates(String text) {
    assertThat(StorableText.isStorable(text)).isFalse();
    assertThat(StorableText.isStorable(StorableText.sanitize(text))).isTrue();
  }

  @Test
  void shouldReplaceOnlyWhatCannotBeStored() {
    assertThat(StorableText.sanitize("a\u0000b\uD800😀\uDC00")).isEqualTo("a\uFFFDb\uFFFD😀\uFFFD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000", "line\nbreak", "\r", "\u001F", "del\u007F", "\tindent"})
  void shouldFindC0ControlCharactersAndDel(String text) {
    assertThat(StorableText.hasControlCharacter(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"order-42", "Bestellung über 20 €", " spaced ", "\u0085", "😀"})
  void shouldAcceptEverythingElseInIdsAndNames(String text) {
    assertThat(StorableText.hasControlCharacter(text)).isFalse();
  }

  @Test
  void shouldCutStorableTextWithoutSplittingASurrogatePair() {
    assertThat(StorableText.storable("a\u0000b\ud800c", 100)).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(StorableText.storable("ab\ud83d\ude00", 3)).isEqualTo("ab");
    assertThat(StorableText.storable("abcdef", 4)).isEqualTo("abcd");
    assertThat(StorableText.storable(null, 10)).isNull();
  }
}
