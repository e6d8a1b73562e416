package io.scanflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.ingest.admin.AdminResource;
import io.scanflow.testsupport.ResourceMethods;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** No ingest endpoint can be written without an authentication filter bound to it. */
class EndpointAuthTest {
  private static final List<Class<? extends Annotation>> AUTH =
      List.of(ApiKeyRequired.class, AdminTokenRequired.class);

  @Test
  void shouldBindExactlyOneAuthenticationFilterToEveryResourceMethod() {
    List<Method> methods = ResourceMethods.ofModuleOf(ApiKeyFilter.class);

    assertThat(methods)
        .as("the scan finds the resources")
        .extracting(Method::getDeclaringClass)
        .contains(ServerEventsResource.class, ScanSessionsResource.class, AdminResource.class);
    assertThat(methods)
        .filteredOn(method -> boundFilters(method) != 1)
        .as("resource methods without exactly one of @ApiKeyRequired, @AdminTokenRequired")
        .isEmpty();
  }

  // Name binding adds up the class's and the method's annotations.
  private static long boundFilters(Method method) {
    return AUTH.stream()
        .filter(
            auth ->
                Stream.of(method, method.getDeclaringClass())
                    .anyMatch(element -> element.isAnnotationPresent(auth)))
        .count();
  }
}
