package io.sparkdp.driver.cli;

import io.sparkdp.driver.bench.BenchConfig;
import io.sparkdp.driver.config.EvaluateConfig;
import io.sparkdp.driver.config.ReportConfig;
import io.sparkdp.driver.config.TrainConfig;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code sparkdp}, under {@code bin/sparkdp} or {@code spark-submit --class}.
 * Every outcome ends in an exit code: 0 success, 1 a failed job, 2 a malformed command line.
 */
@Command(name = "sparkdp", mixinStandardHelpOptions = true, version = "sparkdp 0.1.0",
        description = "Data-parallel deep-learning training on Apache Spark.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, ScoreCommand.class, BenchCommand.class,
                ReportCommand.class, InfoCommand.class, ModelsCommand.class, SampleCommand.class, CommandLine.HelpCommand.class})
public final class SparkdpMain implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "name a subcommand: train, evaluate, score, bench, report, info, models or sample");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code, without exiting the JVM. */
    public static int run(String... args) {
        try {
            return commandLine().execute(args);
        } catch (Throwable e) {
            // picocli rethrows Errors (a missing class, memory): still one line, never a bare stack trace.
            System.err.println("sparkdp: error: " + Failures.describe(e));
            if (Failures.wantStackTrace()) {
                e.printStackTrace();
            }
            return Failures.FAILED;
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SparkdpMain());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.getSubcommands().get("train").setDefaultValueProvider(new ConfigDefaults(TrainConfig.defaults()));
        cli.getSubcommands().get("evaluate").setDefaultValueProvider(new ConfigDefaults(EvaluateConfig.defaults()));
        cli.getSubcommands().get("bench").setDefaultValueProvider(new ConfigDefaults(BenchConfig.defaults()));
        cli.getSubcommands().get("report").setDefaultValueProvider(new ConfigDefaults(ReportConfig.defaults()));
        cli.getSubcommands().get("score").setDefaultValueProvider(new ConfigDefaults(io.sparkdp.driver.score.ScoreConfig.defaults()));
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            String name = e.getCommandLine().getCommandName();
            err.println(name + ": error: " + e.getMessage() + " (see '" + qualified(e.getCommandLine()) + " --help')");
            err.flush();
            return Failures.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(qualified(commandLine) + ": error: " + Failures.describe(e));
            if (Failures.wantStackTrace()) {
                e.printStackTrace(err);
            }
            err.flush();
            return Failures.FAILED;
        });
        return cli;
    }

    private static String qualified(CommandLine commandLine) {
        return commandLine.getParent() == null ? commandLine.getCommandName()
                : commandLine.getParent().getCommandName() + " " + commandLine.getCommandName();
    }
}
