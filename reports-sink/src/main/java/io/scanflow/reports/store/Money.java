package io.scanflow.reports.store;

import java.math.BigDecimal;

/** An exact amount in one currency, as the reports show it. */
public record Money(String currency, BigDecimal amount) {}
