package dev.airlock.marshal;

import dev.airlock.taint.Pointee;
import dev.airlock.taint.SandboxMemory;
import dev.airlock.taint.Tainted;
import dev.airlock.taint.TaintedPointer;
import dev.airlock.taint.VerificationException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A C struct declared once, as a Java record, laid out for every supported {@link Abi}.
 *
 * <pre>{@code
 * record Header(@CType(UINT32) int width, @CType(UINT32) int height,
 *               @CType(SIZE_T) long stride, TaintedPointer<Byte> pixels,
 *               @CArray(length = 4) byte[] tag) {}
 *
 * StructLayout<Header> HEADER = StructLayout.of(Header.class);
 * HEADER.size(Abi.WASM32);                       // 24
 * HEADER.offsetOf("pixels", Abi.LP64);           // 16
 * Tainted<Header> h = pointer.cast(HEADER).read();
 * }</pre>
 *
 * <p>Components map to fields in declaration order. Offsets, sizes and alignments follow the C
 * rules of each ABI (each field at the next multiple of its alignment, the struct aligned to its
 * most aligned field, tail padding up to that alignment); {@code StructLayoutCompilerTest} checks
 * them against gcc and clang. Supported components: primitives (with {@link CType} where the C type
 * is not the obvious one), nested records (structs by value), {@code TaintedPointer<T>} (a typed
 * pointer: T a boxed primitive, {@code Void}, a record, or a pointer), {@link Pointer @Pointer}
 * {@code long} (a raw address) and one-dimensional {@link CArray} arrays of any of these.
 * Bit-fields, unions, packed structs and flexible array members are not supported.
 *
 * <p>As a {@link Pointee} the layout picks the ABI from the memory's pointer size. A read copies
 * the struct's bytes out of sandbox memory in one piece and decodes that private copy, so the
 * record's fields are consistent with each other and cannot change afterwards. If the record's
 * constructor rejects the decoded values (a compact constructor may validate), the read throws
 * {@link VerificationException}. A write encodes into a zeroed buffer (padding bytes are zero) and
 * copies it in one piece.
 *
 * @param <R> the record type
 */
public final class StructLayout<R extends Record> implements Pointee<R> {
    private static final Map<Class<?>, StructLayout<?>> CACHE = new ConcurrentHashMap<>();
    /** Records whose layout is being built on this thread: a by-value cycle would never end. */
    private static final ThreadLocal<Set<Class<?>>> BUILDING = ThreadLocal.withInitial(HashSet::new);

    private final Class<R> type;
    private final String[] names;
    private final Codec[] codecs;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;
    private final Map<Abi, Placement> placements = new EnumMap<>(Abi.class);

    /** Offsets, size and alignment in one ABI. */
    private static final class Placement {
        final long[] offsets;
        final long size;
        final long alignment;

        Placement(long[] offsets, long size, long alignment) {
            this.offsets = offsets;
            this.size = size;
            this.alignment = alignment;
        }
    }

    private StructLayout(Class<R> type, MethodHandles.Lookup lookup) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        if (components.length == 0) {
            throw new IllegalArgumentException(type.getSimpleName() + ": a C struct needs at least one field");
        }
        names = new String[components.length];
        codecs = new Codec[components.length];
        accessors = new MethodHandle[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        MethodHandles.Lookup access = accessTo(type, lookup);
        try {
            for (int i = 0; i < components.length; i++) {
                names[i] = components[i].getName();
                codecs[i] = Codecs.forComponent(type, components[i], lookup);
                accessors[i] = access.unreflect(components[i].getAccessor());
                parameterTypes[i] = components[i].getType();
            }
            constructor = access.findConstructor(type, MethodType.methodType(void.class, parameterTypes));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getSimpleName() + ": cannot access the record's constructor or "
                    + "accessors; pass a MethodHandles.Lookup that can (StructLayout.of(type, MethodHandles.lookup()))", e);
        }
        for (Abi abi : Abi.values()) {
            placements.put(abi, place(abi));
        }
    }

    private static MethodHandles.Lookup accessTo(Class<?> type, MethodHandles.Lookup lookup) {
        try {
            return MethodHandles.privateLookupIn(type, lookup != null ? lookup : MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            if (lookup != null) {
                return lookup;
            }
            throw new IllegalArgumentException(type.getName() + " is not accessible to the marshalling module: open its "
                    + "package to dev.airlock.marshal or pass a MethodHandles.Lookup", e);
        }
    }

    private Placement place(Abi abi) {
        long[] offsets = new long[codecs.length];
        long offset = 0;
        long alignment = 1;
        for (int i = 0; i < codecs.length; i++) {
            long a = codecs[i].alignment(abi);
            offset = alignUp(offset, a);
            offsets[i] = offset;
            offset = Math.addExact(offset, codecs[i].size(abi));
            alignment = Math.max(alignment, a);
        }
        long size = alignUp(offset, alignment);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(type.getSimpleName() + ": struct of " + size + " bytes is too large");
        }
        return new Placement(offsets, size, alignment);
    }

    private static long alignUp(long offset, long alignment) {
        return (offset + alignment - 1) & -alignment;
    }

    /**
     * The layout of a record, computed once per record class and cached. The record's constructor
     * and accessors must be accessible to this module (true on the class path; on the module path
     * open the package, or use {@link #of(Class, MethodHandles.Lookup)}).
     *
     * @param type the record class
     * @param <R> the record type
     * @return its layout
     * @throws IllegalArgumentException naming the component if the declaration is not a supported
     *     C struct (unsupported type, missing {@code @CArray}, a Java type too narrow for its
     *     {@code @CType}, a struct containing itself …)
     */
    public static <R extends Record> StructLayout<R> of(Class<R> type) {
        return of(type, null);
    }

    /**
     * The layout of a record whose members are reached through {@code lookup} (for records in
     * modules that do not open their package).
     *
     * @param type the record class
     * @param lookup a lookup with access to the record (typically {@code MethodHandles.lookup()} in
     *     the record's own class), or null for the default
     * @param <R> the record type
     * @return its layout
     * @throws IllegalArgumentException if the declaration is not a supported C struct
     */
    public static <R extends Record> StructLayout<R> of(Class<R> type, MethodHandles.Lookup lookup) {
        Objects.requireNonNull(type, "type");
        @SuppressWarnings("unchecked")
        StructLayout<R> cached = (StructLayout<R>) CACHE.get(type);
        if (cached != null) {
            return cached;
        }
        Set<Class<?>> building = BUILDING.get();
        if (!building.add(type)) {
            throw new IllegalArgumentException(type.getSimpleName() + " contains itself by value, which no C struct "
                    + "can; point to it with a TaintedPointer component instead");
        }
        try {
            StructLayout<R> built = new StructLayout<>(type, lookup);
            @SuppressWarnings("unchecked")
            StructLayout<R> raced = (StructLayout<R>) CACHE.putIfAbsent(type, built);
            return raced != null ? raced : built;
        } finally {
            building.remove(type);
        }
    }

    /** For the codecs: the layout of a component's record class, with the outer lookup. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static StructLayout<?> nested(Class<?> type, MethodHandles.Lookup lookup) {
        return of((Class) type.asSubclass(Record.class), lookup);
    }

    /**
     * The record class.
     *
     * @return the record class this layout describes
     */
    public Class<R> type() {
        return type;
    }

    /**
     * {@code sizeof} the struct in an ABI, tail padding included.
     *
     * @param abi the ABI
     * @return the size in bytes
     */
    public long size(Abi abi) {
        return placements.get(abi).size;
    }

    /**
     * {@code _Alignof} the struct in an ABI.
     *
     * @param abi the ABI
     * @return the alignment in bytes
     */
    public long alignment(Abi abi) {
        return placements.get(abi).alignment;
    }

    /**
     * {@code offsetof} a field in an ABI.
     *
     * @param component the record component's name
     * @param abi the ABI
     * @return the field's offset in bytes
     * @throws IllegalArgumentException if there is no such component
     */
    public long offsetOf(String component, Abi abi) {
        return placements.get(abi).offsets[indexOf(component)];
    }

    /**
     * All fields with their placement in an ABI, in declaration order.
     *
     * @param abi the ABI
     * @return the fields
     */
    public List<StructField> fields(Abi abi) {
        Placement p = placements.get(abi);
        List<StructField> fields = new ArrayList<>(codecs.length);
        for (int i = 0; i < codecs.length; i++) {
            fields.add(new StructField(names[i], p.offsets[i], codecs[i].size(abi), codecs[i].alignment(abi),
                    codecs[i].declaration(names[i], abi)));
        }
        return Collections.unmodifiableList(fields);
    }

    /**
     * The struct as C would declare it, with each field's offset, for logs and debugging.
     *
     * @param abi the ABI
     * @return a C declaration, one field per line, each followed by a comment with its offset
     */
    public String describe(Abi abi) {
        StringBuilder sb = new StringBuilder("struct ").append(cName()).append(" {\n");
        for (StructField f : fields(abi)) {
            sb.append("    ").append(f.declaration()).append("; /* offset ").append(f.offset()).append(" */\n");
        }
        return sb.append("}; /* ").append(abi).append(": size ").append(size(abi))
                .append(", align ").append(alignment(abi)).append(" */").toString();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if no supported ABI has that pointer size
     */
    @Override
    public long size(int pointerSize) {
        return size(Abi.forPointerSize(pointerSize));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if no supported ABI has that pointer size
     */
    @Override
    public long alignment(int pointerSize) {
        return alignment(Abi.forPointerSize(pointerSize));
    }

    /**
     * Copies the struct at {@code address} out of sandbox memory (one bulk copy) and decodes it.
     * Prefer {@link #copyOut} or a {@code TaintedPointer}, which keep the result tainted; this is
     * the {@link Pointee} primitive they build on.
     *
     * @param memory the sandbox memory
     * @param address the struct's sandbox address
     * @return a fresh record
     * @throws VerificationException if the record's constructor rejects the decoded values
     */
    @Override
    public R read(SandboxMemory memory, long address) {
        Abi abi = Abi.of(memory);
        byte[] bytes = new byte[(int) size(abi)];
        memory.copyOut(address, bytes, 0, bytes.length);
        return decode(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, memory, abi);
    }

    /**
     * Encodes {@code value} (padding zeroed) and copies it to {@code address} in one piece.
     *
     * @param memory the sandbox memory
     * @param address the struct's sandbox address
     * @param value the record to store
     * @throws IllegalArgumentException naming the component if a value does not fit its C type, an
     *     array has the wrong length or a field is null
     * @throws dev.airlock.taint.ForeignPointerException if a pointer field belongs to another sandbox
     */
    @Override
    public void write(SandboxMemory memory, long address, R value) {
        Abi abi = Abi.of(memory);
        byte[] bytes = new byte[(int) size(abi)];
        encodeUnchecked(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0, value, memory, abi);
        memory.copyIn(address, bytes, 0, bytes.length);
    }

    /**
     * Copies the struct at a sandbox address out as a tainted record.
     *
     * @param memory the sandbox memory
     * @param address the struct's sandbox address
     * @return the copy, tainted
     * @throws dev.airlock.taint.SandboxMemoryException if the struct is not inside memory
     */
    public Tainted<R> copyOut(SandboxMemory memory, long address) {
        memory.checkRange(address, size(Abi.of(memory)));
        return Tainted.of(read(memory, address));
    }

    /**
     * Copies a host record into sandbox memory.
     *
     * @param memory the sandbox memory
     * @param address the struct's sandbox address
     * @param value the record
     * @throws dev.airlock.taint.SandboxMemoryException if the struct is not inside memory
     */
    public void copyIn(SandboxMemory memory, long address, R value) {
        memory.checkRange(address, size(Abi.of(memory)));
        write(memory, address, value);
    }

    /**
     * A pointer to one field of the struct a pointer points to, for in-place access
     * ({@code &p->field}): {@code layout.field(p, "width", Pointees.INT32).deref().copy()}.
     *
     * @param struct a pointer to the struct
     * @param component the field's record component name
     * @param fieldType the field's type, which must have the field's size
     * @param <F> the field's Java type
     * @return a tainted pointer to the field
     * @throws IllegalArgumentException if there is no such field or the size does not match
     */
    public <F> TaintedPointer<F> field(TaintedPointer<R> struct, String component, Pointee<F> fieldType) {
        Abi abi = Abi.forPointerSize(struct.pointerSize());
        int index = indexOf(component);
        long expected = codecs[index].size(abi);
        long actual = fieldType.size(abi.pointerSize());
        if (expected != actual) {
            throw new IllegalArgumentException(type.getSimpleName() + "." + component + " is " + expected
                    + " bytes in " + abi + ", " + fieldType + " is " + actual);
        }
        return struct.addBytes(placements.get(abi).offsets[index]).cast(fieldType);
    }

    /**
     * The struct's C name.
     *
     * @return for example {@code "struct Header"}
     */
    @Override
    public String toString() {
        return "struct " + cName();
    }

    // ---- package-private: used by the codecs ----

    String cName() {
        return type.getSimpleName();
    }

    R decode(ByteBuffer bytes, int offset, SandboxMemory owner, Abi abi) {
        long[] offsets = placements.get(abi).offsets;
        Object[] args = new Object[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
            args[i] = codecs[i].read(bytes, offset + (int) offsets[i], owner, abi);
        }
        try {
            return type.cast(constructor.invokeWithArguments(args));
        } catch (RuntimeException e) {
            throw new VerificationException("check failed: " + type.getSimpleName()
                    + "'s constructor accepts the values copied from the sandbox", e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(type.getSimpleName() + "'s constructor threw a checked exception", e);
        }
    }

    void encodeUnchecked(ByteBuffer bytes, int offset, Object record, SandboxMemory owner, Abi abi) {
        long[] offsets = placements.get(abi).offsets;
        for (int i = 0; i < codecs.length; i++) {
            Object value;
            try {
                value = accessors[i].invoke(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(type.getSimpleName() + "." + names[i] + " accessor failed", e);
            }
            codecs[i].write(bytes, offset + (int) offsets[i], value, owner, abi);
        }
    }

    private int indexOf(String component) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(component)) {
                return i;
            }
        }
        throw new IllegalArgumentException(type.getSimpleName() + " has no component named " + component);
    }
}
