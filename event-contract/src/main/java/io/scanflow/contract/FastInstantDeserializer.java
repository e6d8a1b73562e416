package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads an {@link Instant} written in the pipeline's own shape with {@link InstantText} and hands
 * everything else to the deserializer it wraps (jackson-datatype-jsr310's), whose result the fast
 * path equals: that parser is {@code Instant.from(ISO_INSTANT.parse(text))} for a string. Every
 * record of every stage carries two instants, and the general parser was a tenth of a stage's CPU.
 */
final class FastInstantDeserializer extends DelegatingDeserializer {
  private static final long serialVersionUID = 1L;

  private FastInstantDeserializer(JsonDeserializer<?> delegatee) {
    super(delegatee);
  }

  /** Wraps the Instant deserializer of the modules registered before this one. */
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("scanflow-fast-instant");
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config, BeanDescription description, JsonDeserializer<?> d) {
            return description.getBeanClass() == Instant.class ? new FastInstantDeserializer(d) : d;
          }
        });
    return module;
  }

  @Override
  protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegatee) {
    return new FastInstantDeserializer(delegatee);
  }

  @Override
  public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
      throws JsonMappingException {
    FastInstantDeserializer contextual =
        (FastInstantDeserializer) super.createContextual(ctxt, property);
    // A pattern, locale or zone of the property's own makes the text mean something else.
    return hasOwnFormat(ctxt, property) ? contextual._delegatee : contextual;
  }

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_STRING)) {
      Instant fast = InstantText.fastParse(parser.getText(), false);
      if (fast != null) {
        return fast;
      }
    }
    return super.deserialize(parser, ctxt);
  }

  private static boolean hasOwnFormat(DeserializationContext ctxt, BeanProperty property) {
    JsonFormat.Value format =
        property == null
            ? ctxt.getDefaultPropertyFormat(Instant.class)
            : property.findPropertyFormat(ctxt.getConfig(), Instant.class);
    return format.hasPattern() || format.hasLocale() || format.hasTimeZone();
  }
}
