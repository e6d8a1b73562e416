package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorableNumbersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "0.000000",
        "59.90",
        "999999999999999999.999999",
        "123456789012345678",
        "1E+17",
        "0.000001",
        "0E+30"
      })
  void shouldAcceptAmountsWithin18DigitsBeforeAnd6AfterThePoint(String amount) {
    assertThat(StorableNumbers.isStorableAmount(new BigDecimal(amount))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1234567890123456789",
        "1E+18",
        "0.0000001",
        "1.0000000",
        "1e200000",
        "1e-20000",
        "1E+2147483647",
        "1E-2147483647"
      })
  void shouldRefuseAmountsOutsideTheBounds(String amount) {
    assertThat(StorableNumbers.isStorableAmount(new BigDecimal(amount))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1e999", "-1e999", "1e-1000", "0.5", "12345678901234567890123", "0E-1000"})
  void shouldAcceptPropertyNumbersWithin1000DigitsEachSide(String number) {
    assertThat(StorableNumbers.isStorableInJson(new BigDecimal(number))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e1000", "1e-1001", "1e200000", "1e-20000", "1E+2147483647", "0E-1001"})
  void shouldRefusePropertyNumbersPostgresCouldNotHoldOrWouldBloat(String number) {
    assertThat(StorableNumbers.isStorableInJson(new BigDecimal(number))).isFalse();
  }

  @Test
  @Timeout(1)
  void shouldJudgeHugeExponentsWithoutWritingThemOut() {
    BigDecimal huge = new BigDecimal("9.99E+999999999");

    assertThat(StorableNumbers.isStorableAmount(huge)).isFalse();
    assertThat(StorableNumbers.isStorableInJson(huge)).isFalse();
  }

  @Test
  void shouldJudgeEveryKindOfJsonNumberNode() {
    JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);
    assertThat(StorableNumbers.isStorableInJson((JsonNode) nodes.numberNode(42))).isTrue();
    assertThat(StorableNumbers.isStorableInJson((JsonNode) nodes.numberNode(Long.MAX_VALUE)))
        .isTrue();
    assertThat(StorableNumbers.isStorableInJson((JsonNode) nodes.numberNode(1.5))).isTrue();
    assertThat(StorableNumbers.isStorableInJson((JsonNode) nodes.numberNode(Double.NaN))).isFalse();
    assertThat(
            StorableNumbers.isStorableInJson((JsonNode) nodes.numberNode(Float.POSITIVE_INFINITY)))
        .isFalse();
    assertThat(
            StorableNumbers.isStorableInJson(
                (JsonNode) nodes.numberNode(new java.math.BigInteger("9".repeat(1000)))))
        .isTrue();
    assertThat(
            StorableNumbers.isStorableInJson(
                (JsonNode) nodes.numberNode(new BigDecimal("1E+1000"))))
        .isFalse();
    assertThat(StorableNumbers.isStorableInJson((JsonNode) nodes.textNode("1e99999"))).isTrue();
  }

  @Test
  void shouldCountDigitsAsWrittenOutInFull() {
    assertThat(StorableNumbers.integerDigits(new BigDecimal("0.5"))).isEqualTo(1);
    assertThat(StorableNumbers.integerDigits(new BigDecimal("1E+2"))).isEqualTo(3);
    assertThat(StorableNumbers.integerDigits(new BigDecimal("-123.45"))).isEqualTo(3);
    assertThat(StorableNumbers.fractionDigits(new BigDecimal("59.90"))).isEqualTo(2);
    assertThat(StorableNumbers.fractionDigits(new BigDecimal("1E+2"))).isEqualTo(0);
    assertThat(StorableNumbers.integerDigits(new BigDecimal("1E+2147483647")))
        .isEqualTo(2_147_483_648L);
  }
}
