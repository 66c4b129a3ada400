package org.hounsfield.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hounsfield.core.DicomException;

/**
 * Runs one job per input file on all cores and reports in input order: the job's text on stdout,
 * or {@code ERROR  <path>: <message>} on stderr. The exit code is 1 when any file failed.
 */
final class Batch {

    /** The work for one file; returns text for stdout (may be empty). */
    @FunctionalInterface
    interface Job {
        String run(Inputs.Input in) throws Exception;
    }

    private Batch() {
    }

    static int run(List<Path> paths, PrintWriter out, PrintWriter err, Job job) {
        List<Inputs.Input> inputs = Inputs.expand(paths, err);
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), inputs.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hounsfield-worker");
            t.setDaemon(true);
            return t;
        });
        int failures = 0;
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Inputs.Input in : inputs) {
                results.add(pool.submit(() -> job.run(in)));
            }
            for (int i = 0; i < inputs.size(); i++) {
                Inputs.Input in = inputs.get(i);
                try {
                    String s = results.get(i).get();
                    if (s != null && !s.isEmpty()) {
                        out.print(s);
                        out.flush();
                    }
                } catch (ExecutionException e) {
                    failures++;
                    err.println("ERROR  " + in.relative() + ": " + message(e.getCause()));
                    err.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return 1;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (inputs.isEmpty()) {
            err.println("ERROR  no input files");
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }

    static String message(Throwable t) {
        if (t instanceof DicomException) {
            return t.getMessage();
        }
        if (t instanceof OutOfMemoryError) {
            return "out of memory";
        }
        if (t instanceof StackOverflowError) {
            return "structure nested too deeply";
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
