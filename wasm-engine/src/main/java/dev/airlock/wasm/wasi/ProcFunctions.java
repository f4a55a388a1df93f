package dev.airlock.wasm.wasi;

import dev.airlock.wasm.runtime.Instance;
import java.util.Random;

/**
 * Preview1 {@code proc_exit}, {@code proc_raise}, {@code sched_yield} and {@code random_get}.
 *
 * <ul>
 *   <li>{@code proc_exit(rval)} ends the program: it throws {@link WasiExit} (a trap of kind
 *       {@code EXIT}), which unwinds the module and which {@link Wasi#runCommand} turns into the
 *       exit status.</li>
 *   <li>{@code proc_raise(sig)} is {@code nosys}: there are no signals in the sandbox.</li>
 *   <li>{@code sched_yield()} yields the host thread.</li>
 *   <li>{@code random_get(buf, buf_len)} fills the buffer from the configured random source.</li>
 * </ul>
 */
final class ProcFunctions {
    /** Shared state. */
    private final WasiContext context;

    ProcFunctions(WasiContext context) {
        this.context = context;
    }

    /** {@code proc_exit(rval)}: does not return. */
    void procExit(Instance caller, int status) {
        throw new WasiExit(status);
    }

    /** {@code proc_raise(sig) -> errno}. */
    int procRaise(Instance caller, int signal) {
        return Errno.NOSYS;
    }

    /** {@code sched_yield() -> errno}. */
    int schedYield(Instance caller) {
        Thread.yield();
        return Errno.SUCCESS;
    }

    /** {@code random_get(buf, buf_len) -> errno}. */
    int randomGet(Instance caller, int buf, int bufLen) {
        GuestMemory memory = WasiContext.memory(caller);
        long length = GuestMemory.unsigned(bufLen);
        long address = memory.check(buf, length);
        Random random = context.config.random();
        byte[] scratch = context.scratch;
        for (long done = 0; done < length; ) {
            int chunk = (int) Math.min(scratch.length, length - done);
            if (chunk == scratch.length) {
                random.nextBytes(scratch);
            } else {
                byte[] part = new byte[chunk];
                random.nextBytes(part);
                System.arraycopy(part, 0, scratch, 0, chunk);
            }
            memory.write(address + done, scratch, 0, chunk);
            done += chunk;
        }
        return Errno.SUCCESS;
    }
}
