package io.scanflow.devstack.service;

import io.scanflow.devstack.process.JvmMemory;
import java.util.Map;

/**
 * What a service instance starts with on top of its own settings: extra system properties, its
 * maximum heap ({@code -Xmx…}), and whether it keeps the heap it grows instead of giving it back
 * after each full collection (see {@link JvmMemory#HEAP_FREE_RATIOS}). A replay's catch-up settings
 * change all three.
 */
public record LaunchSettings(
    Map<String, String> systemProperties, String maxHeap, boolean keepGrownHeap) {
  /** The instance's own settings, nothing on top. */
  public static final LaunchSettings OWN =
      new LaunchSettings(Map.of(), JvmMemory.SERVICE_MAX_HEAP, false);

  public LaunchSettings {
    systemProperties = Map.copyOf(systemProperties);
  }
}
