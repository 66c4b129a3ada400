package org.hounsfield.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class MainTest {

    private static final String[] ALL = {"dump", "json", "get", "pixels", "validate", "demo", "render", "hu", "series",
        "volume", "mpr", "phantom", "anonymize", "convert", "warm-up", "help"};

    @Test
    void usageListsEveryCommandInOrder() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(cl.getSubcommands().keySet()).containsExactly(ALL);
        String usage = out.toString();
        int last = -1;
        assertThat(usage).doesNotContain("warm-up");
        for (String c : ALL) {
            if (c.equals("warm-up")) {
                continue;
            }
            int at = usage.indexOf("\n  " + c + " ");
            assertThat(at).as("usage lists %s after the previous command", c).isGreaterThan(last);
            last = at;
        }
    }

    @Test
    void aRunOfOneCommandBuildsOnlyThatCommand() {
        CommandLine cl = Main.commandLine("volume");
        assertThat(cl.getSubcommands().keySet()).containsExactly("volume"); // no "help": `help CMD` builds them all
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("volume", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: hounsfield volume");
    }

    @Test
    void helpSubcommandSeesAllCommands() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("help", "series")).isZero();
        assertThat(out.toString()).contains("Usage: hounsfield series");
    }

    @Test
    void warmUpRunsEveryStepCleanly() {
        assertThat(Main.commandLine("warm-up").execute("warm-up")).isZero();
    }
}
