package io.scanflow.contract.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings a service started with, as one log message with its secrets masked, the way
 * Debezium's JDBC sink logs its connector configuration: an operator sees every effective value,
 * defaults included, and no log ever holds a token or a password. Shared by ingest-api and
 * reports-sink, which each log it once at start-up.
 */
public final class EffectiveConfig {
  /** What a secret's value is logged as. */
  public static final String MASK = "********";

  /** Names whose value is a secret: the admin token, passwords, other tokens and credentials. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(token|password|passwd|secret|credential).*");

  /** {@code scheme://user:password@host}: the password of a URL's user information. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/:@\\s]*):[^@/\\s]*@");

  /** {@code ?password=...} or {@code ;password=...} in a JDBC URL. */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:password|passwd)=)[^&;\\s]*");

  private final Map<String, String> settings = new TreeMap<>();

  /** Adds every setting of a {@code @ConfigMapping} interface, read through its accessors. */
  public EffectiveConfig mapping(String prefix, Class<?> type, Object mapping) {
    for (Method accessor : type.getMethods()) {
      if (isSetting(accessor)) {
        add(
            prefix + "." + kebab(accessor.getName()),
            accessor.getReturnType(),
            read(accessor, mapping));
      }
    }
    return this;
  }

  /** Adds one setting; an empty {@link Optional} or null is logged as unset. */
  public EffectiveConfig setting(String name, Object value) {
    Object present = value instanceof Optional<?> optional ? optional.orElse(null) : value;
    settings.put(name, present == null ? "(unset)" : masked(name, text(present)));
    return this;
  }

  /** The settings, sorted by name, one per line: {@code Starting <service> with configuration:}. */
  public String describe(String service) {
    return settings.entrySet().stream()
        .map(setting -> "   " + setting.getKey() + " = " + setting.getValue())
        .collect(Collectors.joining("\n", "Starting " + service + " with configuration:\n", ""));
  }

  /** The value as it may be logged: a secret as {@link #MASK}, a URL without its password. */
  static String masked(String name, String value) {
    if (SECRET_NAME.matcher(name).matches()) {
      return MASK;
    }
    String withoutUserPassword = URL_PASSWORD.matcher(value).replaceAll("$1:" + MASK + "@");
    return PASSWORD_PARAMETER.matcher(withoutUserPassword).replaceAll("$1" + MASK);
  }

  private void add(String name, Class<?> type, Object value) {
    if (isGroup(type)) {
      mapping(name, type, value);
    } else {
      setting(name, value);
    }
  }

  /** An abstract accessor; default methods (e.g. cross-setting checks) are not settings. */
  private static boolean isSetting(Method method) {
    return method.getParameterCount() == 0
        && !method.isDefault()
        && !Modifier.isStatic(method.getModifiers());
  }

  /** A nested group of settings, as opposed to a value such as a Duration or a List. */
  private static boolean isGroup(Class<?> type) {
    return type.isInterface()
        && !type.getName().startsWith("java.")
        && !Collection.class.isAssignableFrom(type);
  }

  private static Object read(Method accessor, Object mapping) {
    try {
      return accessor.invoke(mapping);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("Cannot read setting " + accessor.getName(), e);
    }
  }

  private static String text(Object value) {
    return value instanceof Collection<?> values
        ? values.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(value);
  }

  /**
   * The name SmallRye Config maps an accessor to by default: {@code maxStaleness -> max-staleness}.
   */
  private static String kebab(String accessor) {
    return accessor.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
