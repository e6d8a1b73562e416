package io.scanflow.e2e;

import io.scanflow.devstack.StackInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pending is visible (pipeline.md section 3): the walkthrough's own test event, whose scan session
 * is unknown, shows in the trace as pending long before it is released as session_not_found. The
 * stack's pending timeout is {@link RunningStack#PENDING_TIMEOUT}.
 */
@ExtendWith(RunningStack.class)
class PendingVisibleIT {
  private final VerificationGuide guide;

  PendingVisibleIT(StackInfo stack) {
    this.guide = new VerificationGuide(new ScanflowClient(stack), Duration.ofSeconds(30));
  }

  @Test
  void shouldShowAnEventOfAnUnknownSessionAsPendingBeforeItIsReleasedAsUnattributed() {
    guide.unknownSessionIsPendingBeforeItIsReleasedAsUnattributed();
  }
}
