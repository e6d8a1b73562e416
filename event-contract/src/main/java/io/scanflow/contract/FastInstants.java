package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Reads and writes {@link Instant}s in the pipeline's own shape with {@link InstantText}, and hands
 * everything else to the (de)serializer it wraps, jackson-datatype-jsr310's, whose results the fast
 * paths equal: for a string that module reads {@code Instant.from(ISO_INSTANT.parse(text))} and
 * writes {@code ISO_INSTANT.format(instant)}. Every record of every stage carries two instants, and
 * the general formatter was about a tenth of a stage's CPU.
 *
 * <p>A property with a {@code @JsonFormat} of its own, or a mapper that writes dates as timestamps
 * or in a time zone of its own, never takes a fast path.
 */
final class FastInstants {
  private FastInstants() {}

  /** Wraps the Instant (de)serializers of the modules registered before this one. */
  static SimpleModule module() {
    SimpleModule module = new SimpleModule("scanflow-fast-instants");
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config, BeanDescription description, JsonDeserializer<?> d) {
            return description.getBeanClass() == Instant.class ? new Reader(d) : d;
          }
        });
    module.setSerializerModifier(
        new BeanSerializerModifier() {
          @Override
          public JsonSerializer<?> modifySerializer(
              SerializationConfig config, BeanDescription description, JsonSerializer<?> s) {
            return description.getBeanClass() == Instant.class ? new Writer(s) : s;
          }
        });
    return module;
  }

  /** No pattern, shape, locale, zone or feature of the property's own. */
  private static boolean hasDefaultFormat(JsonFormat.Value format) {
    return format == null || format.equals(JsonFormat.Value.empty());
  }

  static final class Reader extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    private Reader(JsonDeserializer<?> delegatee) {
      super(delegatee);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegatee) {
      return new Reader(delegatee);
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws JsonMappingException {
      Reader contextual = (Reader) super.createContextual(ctxt, property);
      JsonFormat.Value format =
          property == null
              ? ctxt.getDefaultPropertyFormat(Instant.class)
              : property.findPropertyFormat(ctxt.getConfig(), Instant.class);
      return hasDefaultFormat(format) ? contextual : contextual._delegatee;
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
  }

  static final class Writer extends StdSerializer<Instant> implements ContextualSerializer {
    private static final long serialVersionUID = 1L;
    private final JsonSerializer<Object> delegate;

    @SuppressWarnings("unchecked")
    private Writer(JsonSerializer<?> delegate) {
      super(Instant.class);
      this.delegate = (JsonSerializer<Object>) delegate;
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
        throws JsonMappingException {
      JsonSerializer<?> contextual =
          delegate instanceof ContextualSerializer serializer
              ? serializer.createContextual(provider, property)
              : delegate;
      JsonFormat.Value format =
          property == null
              ? provider.getDefaultPropertyFormat(Instant.class)
              : property.findPropertyFormat(provider.getConfig(), Instant.class);
      return hasDefaultFormat(format) ? new Writer(contextual) : contextual;
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          || provider.getConfig().hasExplicitTimeZone()) {
        delegate.serialize(value, generator, provider);
      } else {
        generator.writeString(InstantText.format(value));
      }
    }

    @Override
    public void serializeWithType(
        Instant value, JsonGenerator generator, SerializerProvider provider, TypeSerializer type)
        throws IOException {
      delegate.serializeWithType(value, generator, provider, type);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Instant value) {
      return delegate.isEmpty(provider, value);
    }

    @Override
    public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type)
        throws JsonMappingException {
      delegate.acceptJsonFormatVisitor(visitor, type);
    }
  }
}
