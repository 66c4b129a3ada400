package org.hounsfield.cli;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code hounsfield} command. */
@Command(name = "hounsfield",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Read, inspect and convert DICOM medical images (pure Java).",
        footer = {"", "Exit codes: 0 success, 1 a file failed, 2 usage error.",
                "Run 'hounsfield demo' for a tour on a built-in example."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The subcommands, in the order of the usage message. Registered programmatically rather than in
     * the annotation so that a run of one command builds only that command's picocli model: building
     * all of them costs about 100 ms of a cold JVM's start-up, more than many commands take to run.
     * (A switch rather than a map of constructor references: each lambda costs a few ms to link.)
     */
    private static final List<String> COMMANDS = List.of("dump", "json", "get", "pixels", "validate", "demo", "render", "hu",
            "series", "volume", "mpr", "phantom", "anonymize", "convert", "warm-up");

    private static Object newCommand(String name) {
        return switch (name) {
            case "dump" -> new DumpCommand();
            case "json" -> new JsonCommand();
            case "get" -> new GetCommand();
            case "pixels" -> new PixelsCommand();
            case "validate" -> new ValidateCommand();
            case "demo" -> new DemoCommand();
            case "render" -> new RenderCommand();
            case "hu" -> new HuCommand();
            case "series" -> new SeriesCommand();
            case "volume" -> new VolumeCommand();
            case "mpr" -> new MprCommand();
            case "phantom" -> new PhantomCommand();
            case "anonymize" -> new AnonymizeCommand();
            case "convert" -> new ConvertCommand();
            case "warm-up" -> new WarmUpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        String first = args.length > 0 && COMMANDS.contains(args[0]) ? args[0] : null;
        return commandLine(first).execute(args);
    }

    static {
        // picocli registers converters for java.time and java.sql types by reflection, which loads
        // and initializes those classes (8 ms of a cold start for MonthDay alone); no option of ours
        // has such a type. A value set by the user (-D) is kept.
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
        }
    }

    /** The configured command line with every subcommand (tests set its out and err). */
    static CommandLine commandLine() {
        return commandLine(null);
    }

    /** The command line with only subcommand {@code only} (all of them when null), plus help. */
    static CommandLine commandLine(String only) {
        CommandLine cl = new CommandLine(new Main());
        for (String name : COMMANDS) {
            if (only == null || only.equals(name)) {
                cl.addSubcommand(name, newCommand(name));
            }
        }
        if (only == null) {
            // `hounsfield help CMD`; a run of one command has no use for it (and each command line
            // picocli builds costs start-up time)
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        return cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
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
