package io.scanflow.reports.auth;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What the admin-token throttle and the rate limit count unauthenticated requests by: one IPv4
 * address, or one IPv6 /64 network.
 */
public final class ClientAddress {
  // One subscriber usually gets a whole /64, so single IPv6 addresses would be free to rotate.
  private static final int IPV6_PREFIX_BYTES = 8;

  private ClientAddress() {}

  /** The key of the client that sent {@code request}. */
  public static String of(HttpServerRequest request) {
    SocketAddress remote = request.remoteAddress();
    return remote == null ? "unknown" : throttleKey(remote.hostAddress());
  }

  /** {@code hostAddress} is a numeric address as the HTTP server reports it, never a host name. */
  public static String throttleKey(String hostAddress) {
    if (hostAddress == null || hostAddress.indexOf(':') < 0) {
      return String.valueOf(hostAddress);
    }
    try {
      // A literal with ':' is parsed, never resolved through DNS.
      InetAddress address = InetAddress.getByName(hostAddress.replace("[", "").replace("]", ""));
      if (!(address instanceof Inet6Address)) {
        return address.getHostAddress(); // e.g. ::ffff:192.0.2.1 is that IPv4 address
      }
      byte[] network = Arrays.copyOf(address.getAddress(), 16);
      Arrays.fill(network, IPV6_PREFIX_BYTES, 16, (byte) 0);
      return InetAddress.getByAddress(network).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      return hostAddress;
    }
  }
}
