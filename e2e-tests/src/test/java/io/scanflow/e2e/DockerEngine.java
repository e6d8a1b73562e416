package io.scanflow.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a test class only where Testcontainers finds a Docker engine. Where there is none, the class
 * is skipped with one line on the console saying why (a skip alone shows only in a count), unless
 * {@value #REQUIRED} is set (profile {@code compose-e2e}): then a missing engine fails the class,
 * so that a CI job meant to prove the compose deployment cannot pass by skipping it.
 */
final class DockerEngine implements ExecutionCondition {
  static final String REQUIRED = "scanflow.compose.e2e.required";
  static final String NOT_AVAILABLE = "Docker engine not available: compose e2e skipped";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (context.getTestMethod().isPresent()) {
      return ConditionEvaluationResult.enabled("decided for the class");
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      return ConditionEvaluationResult.enabled("Docker engine available");
    }
    if (Boolean.getBoolean(REQUIRED)) {
      throw new ExtensionConfigurationException(
          "Docker engine not available, and " + REQUIRED + " (profile compose-e2e) requires one");
    }
    System.out.println(context.getDisplayName() + ": " + NOT_AVAILABLE);
    return ConditionEvaluationResult.disabled(NOT_AVAILABLE);
  }
}
