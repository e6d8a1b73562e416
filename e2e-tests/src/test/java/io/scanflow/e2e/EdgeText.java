package io.scanflow.e2e;

/**
 * Text at the edges of what ingest accepts in ids and names: whole scripts, emoji, combining marks,
 * cut to an exact number of code points (the unit of the spec's length limits).
 */
final class EdgeText {
  static final String EMOJI = "😀";
  static final String FAMILY = "👨‍👩‍👧‍👦";
  static final String ARABIC = "مرحبا بالعالم ";
  static final String HEBREW = "שָׁלוֹם עוֹלָם ";
  static final String CJK = "漢字テスト한국어𠜎𠜱𠝹";
  static final String FLAGS = "🇩🇪🇯🇵🇧🇷";
  static final String MATH = "𝔘𝔫𝔦𝔠𝔬𝔡𝔢";
  static final String MIXED = EMOJI + ARABIC + CJK + FAMILY + HEBREW + FLAGS + MATH + "❤️ é";

  private EdgeText() {}

  /** {@code prefix}, then {@code fill} repeated, cut to exactly {@code codePoints}. */
  static String exactly(int codePoints, String prefix, String fill) {
    StringBuilder text = new StringBuilder(prefix);
    while (text.codePointCount(0, text.length()) < codePoints) {
      text.append(fill);
    }
    int end = text.offsetByCodePoints(0, codePoints);
    return text.substring(0, end);
  }

  /** A base letter with {@code codePoints - 1} combining marks stacked on it (Zalgo text). */
  static String combining(int codePoints) {
    StringBuilder text = new StringBuilder("Z");
    for (int i = 1; i < codePoints; i++) {
      text.appendCodePoint(0x0300 + i % 0x70);
    }
    return text.toString();
  }

  /**
   * A distinct id of exactly {@code codePoints} supplementary-plane code points (twice as many
   * UTF-16 units, four times as many UTF-8 bytes): {@code index} in base 64 as animal emoji.
   */
  static String emojiId(int index, int codePoints) {
    StringBuilder id = new StringBuilder();
    int rest = index;
    for (int digit = 0; digit < 4; digit++) {
      id.appendCodePoint(0x1F400 + rest % 64);
      rest /= 64;
    }
    return exactly(codePoints, id.toString(), EMOJI);
  }
}
