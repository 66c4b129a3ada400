package org.hounsfield.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** A run of the command line as {@link Main#run} does it (same commands and error handler), output captured. */
record CliRun(int rc, String out, String err) {

    static CliRun of(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int rc = cl.execute(args);
        return new CliRun(rc, o.toString(), e.toString());
    }
}
