package io.scanflow.devstack.service;

import io.scanflow.devstack.StackPorts;
import io.scanflow.devstack.StackScale;

/**
 * Process {@code number} (from 1) of a service. Instance 1 has the service's own name, port, log
 * and state directory; instance n adds {@code -n} to the names and 100 × (n − 1) to the port.
 */
public record ServiceInstance(ScanflowService service, int number) {

  /** {@code attribution-stream}, {@code attribution-stream-2}: process, log and status name. */
  public String name() {
    return StackScale.name(service.module(), number);
  }

  public int port(StackPorts ports) {
    return StackScale.port(service.port(ports), number);
  }

  /**
   * The static member id ({@code group.instance.id}) of this instance in its consumer group, when
   * the stack runs several: removing exactly the crashed instance makes the survivors take over its
   * partitions at once, instead of after the session timeout.
   */
  public String groupInstanceId() {
    return service.consumerGroup() + "-" + number;
  }
}
