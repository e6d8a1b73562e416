package io.scanflow.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.random.RandomGenerator;

/**
 * The purchase every benchmark event carries: a conversion value, an {@code email_hash} and
 * properties with three line items (about 700 bytes of event in all), so the HTTP benchmarks and
 * the replay benchmark measure records of the same shape.
 */
final class PurchaseFields {
  static final String EMAIL_HASH =
      "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514";

  private PurchaseFields() {}

  /** Adds {@code conversion_value}, {@code user_identifiers} and {@code properties} to an event. */
  static void addTo(ObjectNode event, RandomGenerator random) {
    ObjectNode value = event.putObject("conversion_value");
    value.put("amount", new BigDecimal(random.nextInt(1000, 20000)).movePointLeft(2));
    value.put("currency", "EUR");
    event.putObject("user_identifiers").put("email_hash", EMAIL_HASH);
    ObjectNode properties = event.putObject("properties");
    properties.put("order_id", "ORD-" + random.nextInt(1_000_000, 9_999_999));
    properties.put("payment_method", "card");
    properties.put("landing_page", "https://shop.example/campaigns/spring-launch?utm_source=qr");
    ArrayNode items = properties.putArray("items");
    for (int i = 0; i < 3; i++) {
      ObjectNode item = items.addObject();
      item.put("sku", "SKU-" + random.nextInt(10_000, 99_999));
      item.put("name", "Product " + random.nextInt(1, 500));
      item.put("quantity", random.nextInt(1, 4));
      item.put("unit_price", new BigDecimal(random.nextInt(100, 9999)).movePointLeft(2));
    }
  }
}
