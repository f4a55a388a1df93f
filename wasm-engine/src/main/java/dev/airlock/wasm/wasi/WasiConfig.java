package dev.airlock.wasm.wasi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * What a WASI program is granted: the process state preview1 exposes ({@code args_get},
 * {@code environ_get}), the preopened directories ({@code fd_prestat_get}; everything else on the
 * filesystem is reached through them), the three standard streams (descriptors 0, 1, 2), and the
 * sources of time ({@code clock_time_get}, {@code poll_oneoff}) and randomness
 * ({@code random_get}).
 *
 * <p>Immutable; made with {@link #builder()}. <b>Nothing is granted unless configured:</b> by
 * default there are no arguments (not even a program name), no environment variables, no
 * preopened directory (so no filesystem at all), an empty standard input, and standard output and
 * error that discard what is written. The defaults for time and randomness are the host's clocks
 * and a {@link SecureRandom}.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.builder()
 *         .args("prog", "--verbose", "in.png")
 *         .env("LANG", "C")
 *         .preopenReadOnly(Path.of("/srv/input"), "/in")
 *         .preopen(Path.of("/tmp/job-42"), "/out")
 *         .stdout(System.out).stderr(System.err)
 *         .build();
 * }</pre>
 */
public final class WasiConfig {
    /** The arguments, program name first ({@code args_get}). */
    private final List<String> args;
    /** The environment variables in the order given ({@code environ_get}). */
    private final Map<String, String> environment;
    /** The preopened directories, in the order of their descriptors (3, 4, ...). */
    private final List<Preopen> preopens;
    /** Descriptor 0. */
    private final InputStream stdin;
    /** Descriptor 1. */
    private final OutputStream stdout;
    /** Descriptor 2. */
    private final OutputStream stderr;
    /** The clocks. */
    private final WasiClock clock;
    /** The source of {@code random_get}. */
    private final Random random;

    /**
     * A directory of the host made available to the program.
     *
     * @param hostPath the directory on the host: its real path (no symbolic links), an existing
     *     directory when the configuration was built
     * @param guestPath the name the program sees ({@code fd_prestat_dir_name}), e.g. {@code /data}
     *     or {@code .}; wasi-libc resolves the program's paths against these names
     * @param readOnly whether the program may only read: no writes, creation, renaming, deletion,
     *     truncation or time changes anywhere below it
     */
    public record Preopen(Path hostPath, String guestPath, boolean readOnly) {
        public Preopen {
            Objects.requireNonNull(hostPath, "hostPath");
            Objects.requireNonNull(guestPath, "guestPath");
        }
    }

    private WasiConfig(Builder b) {
        this.args = List.copyOf(b.args);
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
        this.preopens = List.copyOf(b.preopens);
        this.stdin = b.stdin != null ? b.stdin : InputStream.nullInputStream();
        this.stdout = b.stdout != null ? b.stdout : OutputStream.nullOutputStream();
        this.stderr = b.stderr != null ? b.stderr : OutputStream.nullOutputStream();
        this.clock = b.clock != null ? b.clock : WasiClock.system();
        this.random = b.random != null ? b.random : new SecureRandom();
    }

    /** A builder with nothing granted. */
    public static Builder builder() {
        return new Builder();
    }

    /** The arguments, program name first. */
    public List<String> args() {
        return args;
    }

    /** The environment variables, in order. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The preopened directories, in descriptor order starting at 3. */
    public List<Preopen> preopens() {
        return preopens;
    }

    /** Standard input (descriptor 0). */
    public InputStream stdin() {
        return stdin;
    }

    /** Standard output (descriptor 1). */
    public OutputStream stdout() {
        return stdout;
    }

    /** Standard error (descriptor 2). */
    public OutputStream stderr() {
        return stderr;
    }

    /** The clocks. */
    public WasiClock clock() {
        return clock;
    }

    /** The source of random bytes. */
    public Random random() {
        return random;
    }

    /** Builds a {@link WasiConfig}. Not thread-safe; may be reused after {@link #build()}. */
    public static final class Builder {
        /** See {@link WasiConfig#args()}. */
        private final List<String> args = new ArrayList<>();
        /** See {@link WasiConfig#environment()}. */
        private final Map<String, String> environment = new LinkedHashMap<>();
        /** See {@link WasiConfig#preopens()}. */
        private final List<Preopen> preopens = new ArrayList<>();
        /** See {@link WasiConfig#stdin()}; null for empty. */
        private InputStream stdin;
        /** See {@link WasiConfig#stdout()}; null for discarded. */
        private OutputStream stdout;
        /** See {@link WasiConfig#stderr()}; null for discarded. */
        private OutputStream stderr;
        /** See {@link WasiConfig#clock()}; null for the system clock. */
        private WasiClock clock;
        /** See {@link WasiConfig#random()}; null for a new {@link SecureRandom}. */
        private Random random;

        private Builder() {
        }

        /**
         * Sets the arguments, replacing any given before: the program name first, then its
         * arguments.
         *
         * @throws IllegalArgumentException if one contains a NUL character
         */
        public Builder args(String... args) {
            return args(List.of(args));
        }

        /** Like {@link #args(String...)}. */
        public Builder args(List<String> args) {
            for (String a : args) {
                checkNoNul(a, "argument");
            }
            this.args.clear();
            this.args.addAll(args);
            return this;
        }

        /**
         * Adds (or replaces) an environment variable.
         *
         * @throws IllegalArgumentException if the name is empty or contains {@code =}, or either
         *     contains a NUL character
         */
        public Builder env(String name, String value) {
            checkNoNul(name, "environment variable name");
            checkNoNul(value, "environment variable value");
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("bad environment variable name '" + name + "'");
            }
            environment.put(name, value);
            return this;
        }

        /** Adds every entry of {@code variables} (see {@link #env}). */
        public Builder environment(Map<String, String> variables) {
            variables.forEach(this::env);
            return this;
        }

        /** Grants the host directory {@code hostPath}, read-write, under the name {@code guestPath}. */
        public Builder preopen(Path hostPath, String guestPath) {
            return preopen(hostPath, guestPath, false);
        }

        /** Grants the host directory {@code hostPath}, read-only, under the name {@code guestPath}. */
        public Builder preopenReadOnly(Path hostPath, String guestPath) {
            return preopen(hostPath, guestPath, true);
        }

        /**
         * Grants the host directory {@code hostPath} under the name {@code guestPath}.
         *
         * @throws IllegalArgumentException if {@code hostPath} is not an existing directory, or
         *     {@code guestPath} is empty or contains a NUL character
         */
        public Builder preopen(Path hostPath, String guestPath, boolean readOnly) {
            Objects.requireNonNull(hostPath, "hostPath");
            checkNoNul(guestPath, "guest path");
            if (guestPath.isEmpty()) {
                throw new IllegalArgumentException("empty guest path for preopened directory " + hostPath);
            }
            Path real;
            try {
                real = hostPath.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot preopen " + hostPath + ": " + e, e);
            }
            if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("cannot preopen " + hostPath + ": not a directory");
            }
            preopens.add(new Preopen(real, guestPath, readOnly));
            return this;
        }

        /** Standard input: these bytes. */
        public Builder stdin(byte[] bytes) {
            return stdin(new ByteArrayInputStream(bytes.clone()));
        }

        /** Standard input: this stream (read when the program reads descriptor 0; never closed). */
        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in);
            return this;
        }

        /** Standard output: this stream (flushed after each write; never closed). */
        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out);
            return this;
        }

        /** Standard error: this stream (flushed after each write; never closed). */
        public Builder stderr(OutputStream err) {
            this.stderr = Objects.requireNonNull(err);
            return this;
        }

        /** Standard input, output and error of the JVM ({@code System.in}, {@code out}, {@code err}). */
        public Builder inheritStdio() {
            return stdin(System.in).stdout(System.out).stderr(System.err);
        }

        /** The clocks (default {@link WasiClock#system()}). */
        public Builder clock(WasiClock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * The source of {@code random_get} (default: a new {@link SecureRandom}); a seeded
         * {@link Random} makes runs deterministic.
         */
        public Builder random(Random random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** The configuration. */
        public WasiConfig build() {
            return new WasiConfig(this);
        }

        private static void checkNoNul(String s, String what) {
            Objects.requireNonNull(s, what);
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException(what + " contains a NUL character");
            }
        }
    }
}
