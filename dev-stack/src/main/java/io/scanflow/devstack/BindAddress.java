package io.scanflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the ports that clients use listen: the four services and Kafka's client listener. It is
 * {@code 127.0.0.1} unless {@code --bind} says otherwise, so a dev stack on a laptop in a café is
 * not an open Kafka and an admin API for everyone on the network. PostgreSQL (it trusts local
 * connections, no password), Kafka's controller listener and the supervisor's control endpoint
 * serve only this machine and stay on {@link #LOOPBACK} whatever {@code --bind} says.
 *
 * @param host an IPv4 address of this machine, or {@code 0.0.0.0} for all of them
 */
public record BindAddress(String host) {
  // Before LOOPBACK, whose construction needs it.
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final String WILDCARD = "0.0.0.0";
  static final String LOOPBACK_HOST = "127.0.0.1";
  public static final BindAddress LOOPBACK = new BindAddress(LOOPBACK_HOST);

  public BindAddress {
    Matcher octets = IPV4.matcher(host);
    if (!octets.matches()) {
      throw new IllegalArgumentException(
          "--bind must be an IPv4 address such as 127.0.0.1, 0.0.0.0 or 192.168.1.20, not " + host);
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(octets.group(i)) > 255) {
        throw new IllegalArgumentException("--bind " + host + " is not an IPv4 address");
      }
    }
  }

  public boolean isLoopback() {
    return host.startsWith("127.");
  }

  public boolean isWildcard() {
    return host.equals(WILDCARD);
  }

  /**
   * The address the stack's own clients (the services, the supervisor, the tests) connect to: the
   * bind address itself, or the loopback when bound to every interface.
   */
  public String connectHost() {
    return isWildcard() ? LOOPBACK.host() : host;
  }

  /** The host name for the URLs the stack prints: {@code localhost} unless bound elsewhere. */
  public String urlHost() {
    return connectHost().equals(LOOPBACK.host()) ? "localhost" : host;
  }

  /** Fails before anything starts when no network interface of this machine has the address. */
  public void requireLocal() {
    if (isWildcard() || isLoopback()) {
      return;
    }
    try {
      if (NetworkInterface.getByInetAddress(InetAddress.getByName(host)) == null) {
        throw new IllegalStateException(
            "--bind "
                + host
                + " is not an address of this machine; use one of its addresses, or 0.0.0.0 for"
                + " all of them");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
