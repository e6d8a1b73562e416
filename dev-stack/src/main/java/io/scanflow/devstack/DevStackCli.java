package io.scanflow.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code ./scanflow}: {@code up} and {@code replay}, with the options of {@link
 * StackOptions}, each also an environment variable ({@link EnvironmentDefaults}).
 */
@Command(
    name = "./scanflow",
    description =
        "Runs the Scanflow pipeline on this machine: Kafka, PostgreSQL and the four services.",
    footerHeading = "%n",
    footer = EnvironmentDefaults.NOTE)
final class DevStackCli implements Callable<Integer> {
  /** What a command does with the config its options describe; returns the exit code. */
  @FunctionalInterface
  interface Action {
    int run(DevStackConfig config) throws Exception;
  }

  private static final String OPTIONS_SECTION = "stackOptions";

  @Spec private CommandSpec spec;

  @Mixin private HelpOption help;

  private DevStackCli() {}

  /**
   * @param env where options not on the command line come from ({@code SCANFLOW_DEV_*})
   * @param workingDir what a relative {@code --home} is relative to
   */
  static CommandLine create(Action up, Action replay, Map<String, String> env, Path workingDir) {
    CommandLine cli =
        new CommandLine(new DevStackCli())
            .addSubcommand(
                "up",
                stackCommand(
                    up,
                    workingDir,
                    "Start Kafka, PostgreSQL and the four services; Ctrl-C stops them."))
            .addSubcommand(
                "replay",
                stackCommand(
                    replay,
                    workingDir,
                    "Rebuild all derived state from the retained topics, in the running dev stack or,"
                        + " when none runs, in one started for it (which then keeps running)."))
            .addSubcommand(new HelpCommand());
    cli.setDefaultValueProvider(new EnvironmentDefaults(env));
    listStackOptionsInMainHelp(cli);
    return cli;
  }

  /** {@code -h} and {@code --help}, for each command (picocli's standard pair adds a version). */
  static final class HelpOption {
    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "show this help")
    boolean requested;
  }

  private static CommandLine stackCommand(Action action, Path workingDir, String description) {
    CommandLine command = new CommandLine(new StackCommand(action, workingDir));
    command.getCommandSpec().usageMessage().description(description);
    return command;
  }

  /** {@code up} or {@code replay}: runs its action on the config its options describe. */
  @Command(
      sortOptions = false,
      abbreviateSynopsis = true,
      footerHeading = "%n",
      footer = EnvironmentDefaults.NOTE)
  private static final class StackCommand implements Callable<Integer> {
    @Mixin private StackOptions options;
    private final Action action;
    private final Path workingDir;

    StackCommand(Action action, Path workingDir) {
      this.action = action;
      this.workingDir = workingDir;
    }

    @Override
    public Integer call() throws Exception {
      return action.run(options.config(workingDir));
    }
  }

  /** {@code ./scanflow} alone: the help. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** {@code ./scanflow --help} shows the options of up and replay too: they are the same. */
  private static void listStackOptionsInMainHelp(CommandLine cli) {
    CommandLine up = cli.getSubcommands().get("up");
    cli.getHelpSectionMap()
        .put(
            OPTIONS_SECTION,
            help -> {
              CommandLine.Help upHelp = up.getHelp();
              List<OptionSpec> options =
                  up.getCommandSpec().options().stream().filter(o -> !o.usageHelp()).toList();
              return String.format("%nOptions of up and replay:%n")
                  + upHelp.optionListExcludingGroups(
                      options, upHelp.createDefaultLayout(), null, upHelp.parameterLabelRenderer());
            });
    List<String> sections = new ArrayList<>(cli.getHelpSectionKeys());
    sections.add(
        sections.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1,
        OPTIONS_SECTION);
    cli.setHelpSectionKeys(sections);
  }
}
