package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/** Money attached to a conversion: an exact decimal amount in an upper-case ISO 4217 currency. */
public record ConversionValue(
    @JsonProperty("amount") BigDecimal amount, @JsonProperty("currency") String currency) {}
