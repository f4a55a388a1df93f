package dev.airlock.cli;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the arguments of a subcommand that takes options with values ({@code -o OUT},
 * {@code --px 48}, {@code --px=48}) and operands, in any order. {@code --} ends the options (every
 * later word is an operand, so that an operand may start with '-'), and a lone {@code -} is an
 * operand.
 *
 * <p>Use: {@code while ((option = scanner.nextOption()) != null) switch (option) ...}, taking each
 * option's value with {@link #value()} or one of the typed readers, then {@link #operands()}.
 */
final class OptionScanner {
    /** The arguments being scanned. */
    private final List<String> args;
    /** The index of the next argument to look at. */
    private int next;
    /** Whether {@code --} was seen: every later argument is an operand. */
    private boolean optionsEnded;
    /** The option {@link #nextOption()} returned last. */
    private String option;
    /** The value written after '=' in the current option ({@code --px=48}), or null. */
    private String inlineValue;
    /** The operands seen so far, in order. */
    private final List<String> operands = new ArrayList<>();

    /** A scanner over {@code args}, the words after the subcommand's name. */
    OptionScanner(List<String> args) {
        this.args = args;
    }

    /**
     * Advances to the next option, collecting the operands before it, and returns its name
     * ({@code --px} for {@code --px=48}); null once every argument has been seen.
     *
     * @throws UsageException if the previous option was written {@code --name=VALUE} but its value
     *     was not taken (the option takes none)
     */
    String nextOption() throws UsageException {
        if (inlineValue != null) {
            throw new UsageException(option + " takes no value");
        }
        while (next < args.size()) {
            String a = args.get(next++);
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                operands.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                option = a.substring(0, eq);
                inlineValue = a.substring(eq + 1);
            } else {
                option = a;
                inlineValue = null;
            }
            return option;
        }
        return null;
    }

    /**
     * The value of the current option: what follows its '=', or else the next argument.
     *
     * @throws UsageException if there is no next argument
     */
    String value() throws UsageException {
        if (inlineValue != null) {
            String v = inlineValue;
            inlineValue = null;
            return v;
        }
        if (next >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(next++);
    }

    /**
     * The value of the current option as a whole decimal number from {@code min} to {@code max}.
     *
     * @throws UsageException if it is missing, not a number, or out of range
     */
    long integerValue(long min, long max) throws UsageException {
        String v = value();
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(option + " must be from " + min + " to " + max + ", got " + v);
        }
        return n;
    }

    /**
     * The value of the current option as a number of seconds, from 0 to {@code maxSeconds}, with
     * at most nine decimals ({@code 10}, {@code 0.5}).
     *
     * @throws UsageException if it is missing, not a decimal number, or out of range
     */
    Duration secondsValue(long maxSeconds) throws UsageException {
        String v = value();
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number of seconds, got '" + v + "'");
        }
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
            throw new UsageException(option + " must be from 0 to " + maxSeconds + " seconds, got " + v);
        }
        BigDecimal nanos = seconds.movePointRight(9);
        if (nanos.stripTrailingZeros().scale() > 0) {
            throw new UsageException(option + " takes at most nine decimals, got " + v);
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** The usage error for an option the command does not know: the current one. */
    UsageException unknownOption() {
        return new UsageException("unknown option '" + option + "'"
                + (option.startsWith("--") ? "" : " (put '--' before an operand that starts with '-')"));
    }

    /** The usage error for an option given a second time: the current one. */
    UsageException givenTwice() {
        return new UsageException(option + " given twice");
    }

    /** The operands seen so far (all of them once {@link #nextOption()} has returned null). */
    List<String> operands() {
        return operands;
    }

    /**
     * {@code duration} in seconds as a short decimal without trailing zeros, for messages:
     * {@code 10}, {@code 0.5}.
     */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    /**
     * {@code text}, an operand or option value, as a path.
     *
     * @param what how the help calls it, for the message ({@code FILE}, {@code OUT.png})
     * @throws UsageException if it is empty or not a valid path (it holds a NUL character)
     */
    static Path path(String text, String what) throws UsageException {
        if (text.isEmpty()) {
            throw new UsageException(what + " is empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new UsageException(what + " is not a valid path: " + Diagnostics.oneLine(e.getMessage()));
        }
    }
}
