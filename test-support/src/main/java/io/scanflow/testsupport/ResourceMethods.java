package io.scanflow.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JAX-RS resource methods compiled into a module, found by reflection over its class folder:
 * for every class with {@code @Path}, each method with an HTTP-method annotation ({@code @GET},
 * {@code @POST}, ...) or its own {@code @Path} (a sub-resource locator). For tests that require an
 * access decision on every endpoint, so that a new one cannot be written without.
 */
public final class ResourceMethods {
  private ResourceMethods() {}

  /** The resource methods of the module (class folder) that {@code anyClassOfTheModule} is in. */
  public static List<Method> ofModuleOf(Class<?> anyClassOfTheModule) {
    ClassLoader loader = anyClassOfTheModule.getClassLoader();
    Class<? extends Annotation> path = annotation(loader, "jakarta.ws.rs.Path");
    Class<? extends Annotation> httpMethod = annotation(loader, "jakarta.ws.rs.HttpMethod");
    return classNames(classFolder(anyClassOfTheModule)).stream()
        .map(name -> load(loader, name))
        .filter(type -> type.isAnnotationPresent(path))
        .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
        .filter(method -> method.isAnnotationPresent(path) || hasMeta(method, httpMethod))
        .toList();
  }

  private static boolean hasMeta(Method method, Class<? extends Annotation> meta) {
    return Arrays.stream(method.getAnnotations())
        .anyMatch(a -> a.annotationType().isAnnotationPresent(meta));
  }

  private static Path classFolder(Class<?> type) {
    try {
      Path folder = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException(type + " is not in a class folder but in " + folder);
      }
      return folder;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> classNames(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .map(file -> folder.relativize(file).toString())
          .filter(name -> name.endsWith(".class") && !name.equals("module-info.class"))
          .map(name -> name.substring(0, name.length() - ".class".length()))
          .map(name -> name.replace(File.separatorChar, '.'))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Annotation> annotation(ClassLoader loader, String name) {
    return (Class<? extends Annotation>) load(loader, name);
  }
}
