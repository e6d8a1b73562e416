package io.scanflow.reports.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.reports.api.PipelineResource;
import io.scanflow.reports.api.SitesResource;
import io.scanflow.reports.dashboard.LoginResource;
import io.scanflow.testsupport.ResourceMethods;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** No endpoint of the reports API can be written without an access decision. */
class AccessRuleTest {
  private static final List<Method> RESOURCE_METHODS = ResourceMethods.ofModuleOf(AccessRule.class);

  @Test
  void shouldGiveEveryResourceMethodExactlyOneAccessRule() {
    assertThat(RESOURCE_METHODS)
        .as("the scan finds the resources")
        .extracting(Method::getDeclaringClass)
        .contains(SitesResource.class, PipelineResource.class, LoginResource.class);
    assertThat(RESOURCE_METHODS)
        .filteredOn(method -> AccessRule.of(method).isEmpty())
        .as("resource methods without exactly one of @AdminOnly, @SiteReport, @Public")
        .isEmpty();
  }

  @Test
  void shouldTakeTheSiteOfEverySiteReportFromItsPath() {
    assertThat(RESOURCE_METHODS)
        .filteredOn(method -> AccessRule.of(method).equals(Optional.of(AccessRule.SITE_REPORT)))
        .isNotEmpty()
        .allSatisfy(
            method -> {
              assertThat(method.getAnnotation(Path.class).value())
                  .as(method.getName())
                  .contains("{" + SiteReport.PATH_PARAM + "}");
              assertThat(pathParams(method)).as(method.getName()).contains(SiteReport.PATH_PARAM);
            });
  }

  @Test
  void shouldPreferTheMethodsRuleToItsClasses() throws NoSuchMethodException {
    assertThat(AccessRule.of(AdminClass.class.getDeclaredMethod("inherits")))
        .contains(AccessRule.ADMIN_ONLY);
    assertThat(AccessRule.of(AdminClass.class.getDeclaredMethod("overrides")))
        .contains(AccessRule.SITE_REPORT);
  }

  @Test
  void shouldFindNoRuleWhereThereIsNoneOrMoreThanOne() throws NoSuchMethodException {
    assertThat(AccessRule.of(NoRuleClass.class.getDeclaredMethod("unmarked"))).isEmpty();
    assertThat(AccessRule.of(NoRuleClass.class.getDeclaredMethod("ambiguous"))).isEmpty();
  }

  private static List<String> pathParams(Method method) {
    return Arrays.stream(method.getParameterAnnotations())
        .flatMap(Arrays::stream)
        .filter(PathParam.class::isInstance)
        .map(annotation -> ((PathParam) annotation).value())
        .toList();
  }

  @AdminOnly
  static class AdminClass {
    void inherits() {}

    @SiteReport
    void overrides() {}
  }

  static class NoRuleClass {
    void unmarked() {}

    @Public
    @AdminOnly
    void ambiguous() {}
  }
}
