package dev.airlock.sandbox;

import dev.airlock.marshal.StructLayout;
import dev.airlock.taint.Pointee;

/**
 * The pointee of a {@code TaintedPointer<SomeRecord>} in a bound or callback interface: the
 * record's C struct layout from the marshalling module, which picks the ABI (wasm32 or LP64) from
 * the memory it reads.
 */
final class StructPointees {
    private StructPointees() {
    }

    /**
     * The layout of {@code record}.
     *
     * @throws BindingException if the record is not a supported C struct (the message names the component)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Pointee<?> of(Class<?> record, String where) {
        try {
            return StructLayout.of((Class) record.asSubclass(Record.class));
        } catch (IllegalArgumentException e) {
            throw new BindingException(where + ": " + record.getName() + " is not a C struct: " + e.getMessage(), e);
        }
    }
}
