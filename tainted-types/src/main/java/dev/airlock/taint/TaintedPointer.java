package dev.airlock.taint;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A pointer that came from a sandbox: a sandbox address, typed by what it points to, and tied to the
 * memory of the sandbox it came from. It is never a host address and it has no getter.
 *
 * <p><b>Arithmetic</b> is typed (it moves by whole elements of the {@link Pointee}), checked for
 * overflow, and bounded: a result outside the sandbox's memory (one past the end is allowed, as in C)
 * throws {@link SandboxMemoryException}.
 *
 * <p><b>Reading</b> always copies: {@link #read()} returns a {@link Tainted} copy,
 * {@link #copyAndVerify(Function)} verifies the copy it returns, and the in-place views
 * ({@link #deref()}, {@link #elementAt(long)}) are {@link TaintedVolatile}s whose reads are copies
 * too. No method returns a value the sandbox could change after it was checked. Dereferencing the
 * null pointer throws rather than reading address 0 (valid memory in Wasm, a crash natively).
 *
 * <p><b>Ownership</b>: a pointer is usable only with its own sandbox's memory
 * ({@link #checkOwner(SandboxMemory)}); passing it to another sandbox throws
 * {@link ForeignPointerException}.
 *
 * <p>Instances are immutable. Equality is identity; compare with {@link #isEqualTo}.
 *
 * @param <T> the Java type of what it points to
 */
public final class TaintedPointer<T> {
    private static final long MAX_WASM32_ADDRESS = 0xFFFF_FFFFL;

    private final SandboxMemory memory;
    private final long address;
    private final Pointee<T> type;

    private TaintedPointer(SandboxMemory memory, long address, Pointee<T> type) {
        this.memory = memory;
        this.address = address;
        this.type = type;
    }

    /**
     * Taints a sandbox address. Any value is accepted (a pointer from the sandbox can be anything);
     * it is checked when it is used. With 4-byte pointers the address is taken as an unsigned
     * 32-bit value, so a sign-extended {@code int} from Wasm names the same address.
     *
     * @param memory the memory of the sandbox the address came from
     * @param address the sandbox address
     * @param type what it points to
     * @param <T> the Java type of what it points to
     * @return the tainted pointer
     */
    public static <T> TaintedPointer<T> of(SandboxMemory memory, long address, Pointee<T> type) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(type, "type");
        long normalized = memory.pointerSize() == 4 ? address & MAX_WASM32_ADDRESS : address;
        return new TaintedPointer<>(memory, normalized, type);
    }

    /**
     * The null pointer of a sandbox.
     *
     * @param memory the sandbox's memory
     * @param type what it (does not) point to
     * @param <T> the Java type of what it points to
     * @return a pointer whose address is 0
     */
    public static <T> TaintedPointer<T> nullPointer(SandboxMemory memory, Pointee<T> type) {
        return of(memory, 0, type);
    }

    /**
     * Reads a pointer stored in sandbox memory ({@code *pp} for a {@code U**}). The result is itself
     * a tainted pointer, so nothing needs verifying yet.
     *
     * @param pointerToPointer where the pointer is stored
     * @param <U> the Java type of what the stored pointer points to
     * @return the stored pointer, tainted
     */
    public static <U> TaintedPointer<U> readPointer(TaintedPointer<TaintedPointer<U>> pointerToPointer) {
        return pointerToPointer.readValue();
    }

    /**
     * What this pointer points to.
     *
     * @return the pointee type
     */
    public Pointee<T> type() {
        return type;
    }

    /**
     * The size of a pointer in the ABI of this pointer's sandbox: 4 for wasm32, 8 for the native
     * LP64 backend.
     *
     * @return the pointer size in bytes
     */
    public int pointerSize() {
        return memory.pointerSize();
    }

    /** The memory of the sandbox this pointer belongs to, for this package's checked accesses. */
    SandboxMemory memory() {
        return memory;
    }

    /** The sandbox address, for this package's checked accesses, once the owner is checked. */
    long addressIn(SandboxMemory target) {
        checkOwner(target);
        return address;
    }

    /**
     * An escape, like RLBox's {@code get_memory_location}: the raw memory of the sandbox this
     * pointer belongs to. What is read through it is <em>not</em> tainted (the reads return plain
     * values, and the sandbox may rewrite the memory between two of them). It exists for the code
     * that builds tainted values on top of it (marshalling's arrays and strings, the sandbox API's
     * bindings), each of which wraps what it reads; application code has no need for it.
     *
     * @param reason why the unchecked access is safe where it is used; must not be blank
     * @return the memory
     * @throws IllegalArgumentException if the reason is blank
     */
    public SandboxMemory unverifiedMemoryBecause(String reason) {
        Checks.requireReason(reason);
        return memory;
    }

    /**
     * An escape, like RLBox's {@code unverified_safe_pointer_because}: the raw sandbox address,
     * for passing this pointer back into the sandbox it came from (as a function argument or a
     * stored field). It is still a sandbox-chosen number: the host must not use it for anything
     * else.
     *
     * @param target the memory of the sandbox the address is handed to
     * @param reason why handing out the unchecked address is safe; must not be blank
     * @return the sandbox address
     * @throws ForeignPointerException if {@code target} belongs to another sandbox
     * @throws IllegalArgumentException if the reason is blank
     */
    public long unverifiedAddressBecause(SandboxMemory target, String reason) {
        Checks.requireReason(reason);
        return addressIn(target);
    }

    /**
     * Checks that this pointer may be used with {@code other}: both belong to the same sandbox.
     *
     * @param other the memory it is about to be used with
     * @throws ForeignPointerException if they belong to different sandboxes
     */
    public void checkOwner(SandboxMemory other) {
        if (other.owner() != memory.owner()) {
            throw new ForeignPointerException("pointer (" + type + "*) from sandbox " + memory.owner()
                    + " used with sandbox " + other.owner());
        }
    }

    /**
     * Whether this is the null pointer. The answer is tainted like any sandbox-derived fact, but it
     * is stable: the pointer is a copy.
     *
     * @return whether the address is 0, tainted
     */
    public TaintedBoolean isNull() {
        return TaintedBoolean.of(address == 0);
    }

    /**
     * Whether this is the null pointer, as a plain boolean: the one comparison RLBox lets host code
     * branch on directly. It is safe because the pointer is an immutable copy and nullness reveals
     * nothing the host could misuse; every dereference is checked anyway.
     *
     * @return whether the address is 0
     */
    public boolean isNullPointer() {
        return address == 0;
    }

    /**
     * Returns this pointer if it is not null.
     *
     * @param what the name of the pointer, reported if it is null
     * @return this pointer
     * @throws VerificationException naming {@code what} if it is null
     */
    public TaintedPointer<T> requireNonNull(String what) {
        Checks.requireWhat(what);
        if (address == 0) {
            throw new VerificationException("check failed: " + what + " is not null");
        }
        return this;
    }

    /**
     * Compares two pointers into the same sandbox.
     *
     * @param other the other pointer
     * @return whether they hold the same address, tainted
     * @throws ForeignPointerException if {@code other} belongs to another sandbox
     */
    public TaintedBoolean isEqualTo(TaintedPointer<?> other) {
        other.checkOwner(memory);
        return TaintedBoolean.of(address == other.address);
    }

    /**
     * Pointer arithmetic, C's {@code p + n}: moves by {@code elements} whole elements.
     *
     * @param elements how many elements to move (may be negative)
     * @return the moved pointer
     * @throws SandboxMemoryException if the byte offset or the address overflows, or the result
     *     lies outside the sandbox's memory (one past the end is allowed)
     * @throws IllegalStateException if the pointee has no size ({@code void*})
     */
    public TaintedPointer<T> add(long elements) {
        long size = elementSize("pointer arithmetic");
        long bytes;
        try {
            bytes = Math.multiplyExact(elements, size);
        } catch (ArithmeticException e) {
            throw new SandboxMemoryException("pointer arithmetic overflows: " + elements + " elements of "
                    + size + " bytes");
        }
        return moved(bytes, elements + " elements of " + size + " bytes");
    }

    /**
     * Pointer arithmetic with a tainted element count (for example an index read from the
     * sandbox). The result is bounded like {@link #add(long)}, so the count need not be verified
     * first.
     *
     * @param elements how many elements to move
     * @return the moved pointer
     */
    public TaintedPointer<T> add(TaintedInt elements) {
        return add(elements.unverifiedSafeBecause("the moved pointer is bounds-checked and stays tainted"));
    }

    /**
     * Pointer arithmetic with a tainted element count, bounded like {@link #add(long)}.
     *
     * @param elements how many elements to move
     * @return the moved pointer
     */
    public TaintedPointer<T> add(TaintedLong elements) {
        return add(elements.unverifiedSafeBecause("the moved pointer is bounds-checked and stays tainted"));
    }

    /**
     * Pointer arithmetic, C's {@code p - n}.
     *
     * @param elements how many elements to move back
     * @return the moved pointer
     * @throws SandboxMemoryException as for {@link #add(long)}
     */
    public TaintedPointer<T> subtract(long elements) {
        if (elements == Long.MIN_VALUE) {
            throw new SandboxMemoryException("pointer arithmetic overflows: subtracting " + elements + " elements");
        }
        return add(-elements);
    }

    /**
     * Moves by a number of bytes, whatever the pointee: for reaching a field at a known offset
     * before a {@link #cast}.
     *
     * @param bytes the byte offset (may be negative)
     * @return the moved pointer, of the same type
     * @throws SandboxMemoryException if the address overflows or leaves the sandbox's memory
     */
    public TaintedPointer<T> addBytes(long bytes) {
        return moved(bytes, bytes + " bytes");
    }

    /**
     * C's {@code other - this} for two pointers of the same type into the same sandbox: the distance
     * in whole elements.
     *
     * @param other the other pointer
     * @return the number of elements from this pointer to {@code other}, tainted
     * @throws ForeignPointerException if {@code other} belongs to another sandbox
     * @throws VerificationException if the byte distance is not a whole number of elements
     */
    public TaintedLong distanceTo(TaintedPointer<T> other) {
        other.checkOwner(memory);
        long size = elementSize("pointer subtraction");
        long bytes = other.address - address;
        if (bytes % size != 0) {
            throw new VerificationException("check failed: pointer distance is a multiple of " + size
                    + " bytes (value: " + bytes + ")");
        }
        return TaintedLong.of(bytes / size);
    }

    /**
     * Reinterprets the pointer as pointing to another type, RLBox's
     * {@code sandbox_reinterpret_cast}. The address is unchanged; alignment is not required (sandbox
     * memory is read byte-wise, so misaligned data is merely slow, never unsafe).
     *
     * @param newType the new pointee type
     * @param <U> its Java type
     * @return a pointer to the same address with the new type
     */
    public <U> TaintedPointer<U> cast(Pointee<U> newType) {
        return new TaintedPointer<>(memory, address, Objects.requireNonNull(newType, "newType"));
    }

    /**
     * The element this pointer points to, in place: C's {@code *p}. Reads through the view are
     * copies (see {@link TaintedVolatile}).
     *
     * @return the in-place view
     */
    public TaintedVolatile<T> deref() {
        checkDereferenceable(1);
        return new TaintedVolatile<>(memory, address, type);
    }

    /**
     * The element at {@code index}, in place: C's {@code p[index]}.
     *
     * @param index the element index (may be negative, as in C)
     * @return the in-place view of that element
     * @throws SandboxMemoryException if the element is not inside the sandbox's memory
     */
    public TaintedVolatile<T> elementAt(long index) {
        return add(index).deref();
    }

    /**
     * Copies the element this pointer points to.
     *
     * @return a copy, tainted
     * @throws SandboxMemoryException if the pointer is null or the element is not inside memory
     */
    public Tainted<T> read() {
        return Tainted.of(readValue());
    }

    /**
     * Writes the element this pointer points to. Host data written into the sandbox needs no
     * verification: the sandbox is allowed to see it.
     *
     * @param value the value to store
     * @throws SandboxMemoryException if the pointer is null or the element is not inside memory
     */
    public void write(T value) {
        checkDereferenceable(1);
        type.write(memory, address, value);
    }

    /**
     * Copies the element and hands the copy to a verifier, RLBox's {@code copy_and_verify}.
     *
     * @param verifier turns the copy into a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     */
    public <R> R copyAndVerify(Function<? super T, ? extends R> verifier) {
        return verifier.apply(readValue());
    }

    /**
     * Copies the element and returns the copy if {@code check} accepts it.
     *
     * @param check the condition the copy must meet
     * @param what the name of the check
     * @return the checked copy
     * @throws VerificationException naming {@code what} if the check fails
     */
    public T copyAndVerify(Predicate<? super T> check, String what) {
        return read().verify(check, what);
    }

    /**
     * Copies {@code count} consecutive elements and hands them to a verifier, RLBox's
     * {@code copy_and_verify_range}. For primitive arrays see {@link CopyAndVerify}.
     *
     * @param count the number of elements; pass a tainted count as
     *     {@code count.verifyRange(0, maxCount, "count")} or let this method check it
     * @param maxCount the most elements the host accepts to copy
     * @param verifier checks the copied elements and returns a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     * @throws VerificationException if {@code count} is negative or above {@code maxCount}
     * @throws SandboxMemoryException if the range is not inside memory (or the pointer is null
     *     and {@code count > 0})
     */
    public <R> R copyAndVerifyRange(long count, long maxCount, Function<? super List<T>, ? extends R> verifier) {
        Checks.requireMax(maxCount, "element count");
        Checks.verifyCount(count, maxCount, "element");
        long size = elementSize("copyAndVerifyRange");
        checkDereferenceable(count);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many elements for a Java list: " + count);
        }
        List<T> copy = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            copy.add(type.read(memory, address + i * size));
        }
        return verifier.apply(Collections.unmodifiableList(copy));
    }

    /**
     * Copies the bytes of a NUL-terminated string (without the NUL). Each byte is fetched once;
     * on the native backend the search never reads past the page of the terminating NUL.
     *
     * @param maxBytes the most bytes, NUL excluded, the host accepts
     * @return the bytes, tainted
     * @throws VerificationException if there is no NUL within {@code maxBytes + 1} bytes
     * @throws SandboxMemoryException if memory ends first or the pointer is null
     * @throws IllegalStateException if this is not a pointer to a one-byte type
     */
    public Tainted<byte[]> copyStringBytes(int maxBytes) {
        return Tainted.of(CStringScan.scan(this, maxBytes));
    }

    /**
     * Copies a NUL-terminated UTF-8 string and hands it to a verifier, RLBox's
     * {@code copy_and_verify_string}. Malformed UTF-8 is rejected (not replaced), since a
     * string that does not decode is not what the library was supposed to produce.
     *
     * @param maxBytes the most bytes, NUL excluded, the host accepts
     * @param verifier checks the string and returns a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     * @throws VerificationException if there is no NUL within {@code maxBytes + 1} bytes or the
     *     bytes are not valid UTF-8
     */
    public <R> R copyAndVerifyString(int maxBytes, Function<? super String, ? extends R> verifier) {
        return verifier.apply(decodeStrict(CStringScan.scan(this, maxBytes)));
    }

    /**
     * Copies a NUL-terminated UTF-8 string and returns it if {@code check} accepts it.
     *
     * @param maxBytes the most bytes, NUL excluded, the host accepts
     * @param check the condition the string must meet
     * @param what the name of the check
     * @return the checked string
     * @throws VerificationException as for {@link #copyAndVerifyString(int, Function)}, or naming
     *     {@code what} if the check fails
     */
    public String copyAndVerifyString(int maxBytes, Predicate<? super String> check, String what) {
        Checks.requireWhat(what);
        String s = decodeStrict(CStringScan.scan(this, maxBytes));
        if (!check.test(s)) {
            throw new VerificationException("check failed: " + what);
        }
        return s;
    }

    /**
     * A description naming the pointee type but not the address.
     *
     * @return for example {@code "TaintedPointer<int32_t>[unverified]"}
     */
    @Override
    public String toString() {
        return "TaintedPointer<" + type + ">[unverified]";
    }

    // ---- package-private: used by the other classes of this package ----

    long rawAddress() {
        return address;
    }

    T readValue() {
        checkDereferenceable(1);
        return type.read(memory, address);
    }

    /**
     * Checks that {@code count} elements starting here lie in memory and that the pointer is not
     * null (unless nothing is read).
     */
    void checkDereferenceable(long count) {
        if (count == 0) {
            return;
        }
        if (address == 0) {
            throw new SandboxMemoryException("null pointer dereference (" + type + "*)");
        }
        long size = type.size(memory.pointerSize());
        if (size == 0) {
            throw new IllegalStateException("cannot dereference a pointer to " + type + ": cast it to a sized type first");
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(count, size);
        } catch (ArithmeticException e) {
            throw new SandboxMemoryException("range of " + count + " elements of " + size + " bytes overflows");
        }
        memory.checkRange(address, bytes);
    }

    long elementSize(String operation) {
        long size = type.size(memory.pointerSize());
        if (size == 0) {
            throw new IllegalStateException(operation + " on a pointer to " + type + ": cast it to a sized type first");
        }
        return size;
    }

    private TaintedPointer<T> moved(long bytes, String description) {
        long target;
        try {
            target = Math.addExact(address, bytes);
        } catch (ArithmeticException e) {
            throw new SandboxMemoryException("pointer arithmetic overflows: 0x" + Long.toHexString(address)
                    + " + " + description);
        }
        long limit = memory.pointerSize() == 4 ? Math.min(memory.size(), MAX_WASM32_ADDRESS + 1) : memory.size();
        if (target < 0 || target > limit) {
            throw new SandboxMemoryException("pointer arithmetic leaves the sandbox: 0x" + Long.toHexString(address)
                    + " + " + description + " = 0x" + Long.toHexString(target) + ", memory size " + memory.size());
        }
        return new TaintedPointer<>(memory, target, type);
    }

    private static String decodeStrict(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new VerificationException("check failed: string is valid UTF-8", e);
        }
    }
}
