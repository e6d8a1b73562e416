package io.scanflow.bench;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The fields of one {@code /proc/PID/stat} line the benchmarks use: the parent, and the CPU time in
 * clock ticks of the process (all its threads) and of its children it has waited for.
 */
record ProcStat(
    long pid,
    long parentPid,
    long userTicks,
    long systemTicks,
    long childUserTicks,
    long childSystemTicks) {

  /**
   * Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces and
   * parentheses, so the fields are counted from the last {@code ')'} (proc(5)).
   */
  static ProcStat parse(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("Not a /proc/PID/stat line: " + line);
    }
    long pid = Long.parseLong(line.substring(0, open).trim());
    // After ")": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
    // utime stime cutime cstime ... (fields 3, 4, ... 14, 15, 16, 17 of proc(5)).
    String[] rest = line.substring(close + 1).trim().split("\\s+");
    return new ProcStat(
        pid,
        Long.parseLong(rest[1]),
        Long.parseLong(rest[11]),
        Long.parseLong(rest[12]),
        Long.parseLong(rest[13]),
        Long.parseLong(rest[14]));
  }

  /** Own and waited-for children's user and system time, in clock ticks. */
  long cpuTicks() {
    return userTicks + systemTicks + childUserTicks + childSystemTicks;
  }

  /**
   * {@code root} and every process below it among {@code all} (PostgreSQL's backends under its
   * postmaster; a JVM is one process).
   */
  static Set<Long> tree(long root, Collection<ProcStat> all) {
    Set<Long> tree = new HashSet<>();
    tree.add(root);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (ProcStat process : all) {
        if (tree.contains(process.parentPid()) && tree.add(process.pid())) {
          grew = true;
        }
      }
    }
    return tree;
  }

  /** The {@code VmRSS} of a {@code /proc/PID/status} text in kB, or 0 if it has none. */
  static long residentKilobytes(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
      }
    }
    return 0; // kernel threads and zombies have no VmRSS
  }
}
