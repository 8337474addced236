package org.detectgpt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.detectgpt.testing.Fixtures;

/** Runs the command line in-process and keeps what it printed. */
final class Cli {
    static final String MODEL = Fixtures.path("stories260K/stories260K.bin").toString();

    final int status;
    final String out;
    final String err;

    private Cli(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    static Cli run(Object... args) {
        List<String> a = new ArrayList<>();
        for (Object o : args) {
            a.add(o.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(a.toArray(new String[0]), new PrintWriter(out), new PrintWriter(err));
        return new Cli(status, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "status " + status + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
