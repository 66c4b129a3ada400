package org.hounsfield.cli;

import picocli.CommandLine;

/**
 * The hounsfield command line with the series, volume, mpr and phantom commands registered even
 * when Main does not list them yet: for tests and for tools/compare-dcm2niix.py run from tests.
 */
public final class VolumeTestMain {
    private VolumeTestMain() {
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        if (!cl.getSubcommands().containsKey("series")) {
            cl.addSubcommand("series", new SeriesCommand());
        }
        if (!cl.getSubcommands().containsKey("volume")) {
            cl.addSubcommand("volume", new VolumeCommand());
        }
        if (!cl.getSubcommands().containsKey("mpr")) {
            cl.addSubcommand("mpr", new MprCommand());
        }
        if (!cl.getSubcommands().containsKey("phantom")) {
            cl.addSubcommand("phantom", new PhantomCommand());
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("ERROR  " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
