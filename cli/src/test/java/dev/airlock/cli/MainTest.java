package dev.airlock.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dispatcher: help texts, unknown commands, exit statuses of the top level. */
class MainTest {
    @Test
    void helpListsEveryCommandOnStdout() {
        for (String option : new String[] {"--help", "-h"}) {
            Cli.Result r = Cli.run(option);
            assertEquals(ExitStatus.OK, r.status(), r::toString);
            assertTrue(r.out().startsWith("usage: airlock COMMAND"), r::toString);
            for (Command c : Main.COMMANDS) {
                assertTrue(r.out().contains("  " + c.name() + " "), () -> c.name() + " missing from\n" + r);
            }
            assertEquals("", r.err());
        }
        assertEquals(Main.usage(), Cli.run("help").out());
    }

    @Test
    void noArgumentsPrintsUsageToStderr() {
        Cli.Result r = Cli.run();
        assertEquals(ExitStatus.USAGE, r.status());
        assertEquals("", r.out());
        assertEquals(Main.usage(), r.err());
    }

    @Test
    void unknownCommandOrOptionIsAUsageError() {
        Cli.Result r = Cli.run("frobnicate", "x");
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().startsWith("airlock: unknown command 'frobnicate'\nusage: airlock"), r::toString);
        Cli.Result o = Cli.run("--frobnicate");
        assertEquals(ExitStatus.USAGE, o.status());
        assertTrue(o.err().startsWith("airlock: unknown option '--frobnicate'\n"), o::toString);
    }

    @Test
    void helpForACommandEqualsItsHelpOption() {
        for (Command c : Main.COMMANDS) {
            Cli.Result help = Cli.run("help", c.name());
            assertEquals(ExitStatus.OK, help.status(), help::toString);
            assertEquals(c.help(), help.out());
            assertTrue(help.out().startsWith(c.synopsis()), help::toString);
            Cli.Result option = Cli.run(c.name(), "--help");
            assertEquals(ExitStatus.OK, option.status());
            assertEquals(c.help(), option.out());
        }
        Cli.Result run = Cli.run("help", "run");
        assertTrue(run.out().contains("--invoke NAME"), run::toString);
        assertTrue(run.out().contains("--stub-imports"), run::toString);
        assertTrue(run.out().contains("--dump-bytecode DIR"), run::toString);
    }

    @Test
    void helpForAnUnknownCommandIsAUsageError() {
        Cli.Result r = Cli.run("help", "nope");
        assertEquals(ExitStatus.USAGE, r.status());
        assertTrue(r.err().startsWith("airlock help: unknown command 'nope'\nusage: airlock help"), r::toString);
    }

    @Test
    void commandNamesAreUnique() {
        Set<String> names = new HashSet<>();
        for (Command c : Main.COMMANDS) {
            assertTrue(names.add(c.name()), c.name());
            assertTrue(c.synopsis().startsWith("usage: airlock " + c.name()), c.synopsis());
            assertTrue(c.synopsis().endsWith("\n") && c.help().endsWith("\n"), c.name());
        }
    }
}
