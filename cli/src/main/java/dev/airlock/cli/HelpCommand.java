package dev.airlock.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code airlock help [COMMAND]}: prints the general usage, or one command's help, on stdout. */
final class HelpCommand implements Command {
    @Override
    public String name() {
        return "help";
    }

    @Override
    public String summary() {
        return "Show the usage of airlock or of one command";
    }

    @Override
    public String synopsis() {
        return "usage: airlock help [COMMAND]\n";
    }

    @Override
    public String help() {
        return synopsis()
                + "\n"
                + "Without COMMAND, lists the commands; with it, shows that command's options.\n";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        if (args.isEmpty()) {
            out.print(Main.usage());
            return ExitStatus.OK;
        }
        if (args.size() > 1) {
            throw new UsageException("expected at most one COMMAND, got " + args.size() + " arguments");
        }
        Command command = Main.command(args.get(0));
        if (command == null) {
            throw new UsageException("unknown command '" + args.get(0) + "'");
        }
        out.print(command.help());
        return ExitStatus.OK;
    }
}
