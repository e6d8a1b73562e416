package io.scanflow.e2e;

import io.scanflow.devstack.DevStack;
import io.scanflow.devstack.DevStackConfig;
import io.scanflow.devstack.StackHome;
import io.scanflow.devstack.StackInfo;
import io.scanflow.devstack.StackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One dev stack for all e2e test classes, started as {@code ./scanflow up} starts it (same
 * supervisor, same jars) in a temporary {@code .scanflow} directory on free ports, and stopped
 * after the last test. Test classes get it as a {@link DevStack} parameter.
 */
public final class RunningStack implements BeforeAllCallback, ParameterResolver {
  /** Short, so that unresolvable sessions show up as unattributed within the test. */
  static final String PENDING_TIMEOUT = "3s";

  /** Low, so that the 429 test needs few requests; other tests stay far below it. */
  static final int RATE_LIMIT_PER_MINUTE = 120;

  private static final Namespace NAMESPACE = Namespace.create(RunningStack.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == DevStack.class || type == StackInfo.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    DevStack stack = stack(context);
    return parameter.getParameter().getType() == DevStack.class ? stack : stack.info();
  }

  private static DevStack stack(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("stack", key -> new Started(start()), Started.class)
        .stack();
  }

  private static DevStack start() {
    DevStack stack = new DevStack(config());
    stack.start();
    return stack;
  }

  /**
   * The config of an e2e stack: the repo's jars, a fresh home under {@code e2e-tests/target}, free
   * ports, short timeouts and a low rate limit.
   */
  static DevStackConfig config() {
    try {
      Path repo = Path.of(System.getProperty("scanflow.repo.root", "..")).toAbsolutePath();
      return DevStackConfig.forRepo(repo)
          // under target/: logs stay for a failed build to show; same file system as the jars
          .withHome(
              Files.createTempDirectory(
                  Files.createDirectories(repo.resolve("e2e-tests/target")), "scanflow-"))
          .withPorts(StackPorts.free())
          .withServiceEnv("SCANFLOW_ATTRIBUTION_PENDING_TIMEOUT", PENDING_TIMEOUT)
          .withServiceEnv(
              "SCANFLOW_RATE_LIMIT_REQUESTS_PER_MINUTE", Integer.toString(RATE_LIMIT_PER_MINUTE));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Closed by JUnit when the root context closes, i.e. after the last test class. */
  private record Started(DevStack stack)
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      stop(stack);
    }
  }

  /** Stops a stack and deletes its data, keeping the logs for a failed build to show. */
  static void stop(DevStack stack) {
    stack.close();
    StackHome home = stack.config().home();
    StackHome.deleteRecursively(home.data());
    StackHome.deleteRecursively(home.root().resolve("apps"));
  }
}
