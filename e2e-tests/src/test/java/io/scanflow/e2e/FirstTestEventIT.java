package io.scanflow.e2e;

import io.scanflow.devstack.StackInfo;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product's verification guide, step by step: a test event with a known event_id is accepted,
 * shows up in the reports API, and its resend is accepted again but counted as a duplicate only.
 */
@ExtendWith(RunningStack.class)
class FirstTestEventIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

  private final VerificationGuide guide;

  FirstTestEventIT(StackInfo stack) {
    this.guide = new VerificationGuide(new ScanflowClient(stack), VISIBLE_WITHIN);
  }

  @Test
  void shouldCountTestEventOnceAndMarkItsResendAsDuplicate() {
    guide.firstTestEventIsCountedOnceAndItsResendAsDuplicate();
  }
}
