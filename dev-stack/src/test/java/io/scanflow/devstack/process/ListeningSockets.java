package io.scanflow.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The TCP ports a process and its descendants listen on, as the kernel sees them (Linux {@code
 * /proc}): the sockets among the process's open files, looked up in {@code /proc/<pid>/net/tcp} and
 * {@code tcp6}. What a process was told to bind to does not matter here, only what it did.
 */
public final class ListeningSockets {
  private static final Path PROC = Path.of("/proc");
  private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
  private static final String LISTEN = "0A";

  private ListeningSockets() {}

  /** Every listening TCP socket of {@code pid} and its descendants. */
  public static List<InetSocketAddress> of(long pid) {
    if (!Files.isReadable(PROC.resolve("self/net/tcp"))) {
      throw new IllegalStateException("Listening sockets are read from Linux's /proc");
    }
    ProcessHandle process =
        ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(pid + " is gone"));
    List<InetSocketAddress> listening = new ArrayList<>();
    Stream.concat(Stream.of(process), process.descendants())
        .forEach(p -> listening.addAll(ofOne(p.pid())));
    return listening.stream().distinct().toList();
  }

  private static List<InetSocketAddress> ofOne(long pid) {
    Path proc = PROC.resolve(Long.toString(pid));
    Set<String> inodes = socketInodes(proc.resolve("fd"));
    List<InetSocketAddress> listening = new ArrayList<>();
    for (String table : List.of("net/tcp", "net/tcp6")) {
      for (String[] row : rows(proc.resolve(table))) {
        if (row[3].equals(LISTEN) && inodes.contains(row[9])) {
          listening.add(address(row[1], ByteOrder.nativeOrder()));
        }
      }
    }
    return listening;
  }

  private static Set<String> socketInodes(Path fds) {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> files = Files.list(fds)) {
      for (Path fd : (Iterable<Path>) files::iterator) {
        try {
          Matcher socket = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
          if (socket.matches()) {
            inodes.add(socket.group(1));
          }
        } catch (NoSuchFileException closedMeanwhile) {
          // a file closed between listing and reading its link is no listener
        }
      }
    } catch (NoSuchFileException exited) {
      return inodes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inodes;
  }

  private static List<String[]> rows(Path table) {
    try {
      return Files.readAllLines(table).stream()
          .skip(1)
          .map(line -> line.trim().split("\\s+"))
          .toList();
    } catch (NoSuchFileException exited) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code 0100007F:1F90} is 127.0.0.1:8080: the address is written as 32-bit words in the host's
   * byte order, the port in hex.
   */
  static InetSocketAddress address(String hexAddressAndPort, ByteOrder hostOrder) {
    String[] parts = hexAddressAndPort.split(":");
    String hex = parts[0];
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int from = hostOrder == ByteOrder.LITTLE_ENDIAN ? 3 - i : i;
        int at = (word * 4 + from) * 2;
        bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(bytes), Integer.parseInt(parts[1], 16));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(hexAddressAndPort, e);
    }
  }
}
