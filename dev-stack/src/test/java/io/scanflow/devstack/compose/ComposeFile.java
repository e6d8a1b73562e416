package io.scanflow.devstack.compose;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A compose file of the repository as compose reads it: anchors, aliases and merge keys ({@code
 * <<}) resolved; variables ({@code ${NAME:-default}}) only where a caller interpolates them.
 */
public final class ComposeFile {
  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::-([^}]*))?}");

  private final Map<String, Object> root;

  private ComposeFile(Map<String, Object> root) {
    this.root = root;
  }

  public static ComposeFile read(String name) {
    try (Reader reader = Files.newBufferedReader(REPO.resolve(name))) {
      return new ComposeFile(new Yaml().load(reader));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Map<String, Object> services() {
    return map(root.get("services"));
  }

  public Map<String, Object> service(String name) {
    Map<String, Object> service = map(services().get(name));
    if (service == null) {
      throw new IllegalArgumentException("No service " + name);
    }
    return service;
  }

  /** The service's environment (map form), values as text. */
  public Map<String, String> environment(String service) {
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, Object> declared = map(service(service).get("environment"));
    if (declared != null) {
      declared.forEach((name, value) -> env.put(name, String.valueOf(value)));
    }
    return env;
  }

  /** The service's environment with the variables of {@code variables} (.env) filled in. */
  public Map<String, String> environment(String service, Map<String, String> variables) {
    Map<String, String> env = new LinkedHashMap<>();
    environment(service)
        .forEach((name, value) -> env.put(name, interpolate(value, variables::get)));
    return env;
  }

  /** The ports the service publishes, as written ({@code "127.0.0.1:19092:19092"}). */
  public List<String> ports(String service) {
    Object ports = service(service).get("ports");
    return ports == null ? List.of() : ((List<?>) ports).stream().map(String::valueOf).toList();
  }

  /** {@code ${NAME}} and {@code ${NAME:-default}} as compose replaces them (from .env). */
  public static String interpolate(String value, Function<String, String> variables) {
    Matcher variable = VARIABLE.matcher(value);
    StringBuilder result = new StringBuilder();
    while (variable.find()) {
      String set = variables.apply(variable.group(1));
      String replacement =
          set != null && !set.isEmpty() ? set : variable.group(2) == null ? "" : variable.group(2);
      variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    variable.appendTail(result);
    return result.toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    return (Map<String, Object>) node;
  }
}
