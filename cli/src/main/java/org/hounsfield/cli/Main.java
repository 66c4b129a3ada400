package org.hounsfield.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hounsfield} command. */
@Command(name = "hounsfield",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Read, inspect and convert DICOM medical images (pure Java).",
        subcommands = {DumpCommand.class, JsonCommand.class, GetCommand.class, PixelsCommand.class, ValidateCommand.class, DemoCommand.class,
                RenderCommand.class, HuCommand.class, SeriesCommand.class, VolumeCommand.class, MprCommand.class, PhantomCommand.class,
                AnonymizeCommand.class, ConvertCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 a file failed, 2 usage error.",
                "Run 'hounsfield demo' for a tour on a built-in example."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line (tests set its out and err). */
    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("ERROR  " + ex.getMessage());
                    return 1;
                });
    }

    /** Version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"hounsfield " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
