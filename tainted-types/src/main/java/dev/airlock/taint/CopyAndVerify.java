package dev.airlock.taint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;

/**
 * RLBox's {@code copy_and_verify_range} for primitive arrays: copies {@code count} elements out of
 * sandbox memory into a fresh host array (one bulk copy, each byte fetched once) and hands the
 * copy to a verifier, which returns the safe result or throws. The host names the maximum it is
 * prepared to copy; a larger count is refused before anything is allocated, so a hostile length
 * cannot make the host allocate gigabytes.
 *
 * <pre>{@code
 * byte[] pixels = CopyAndVerify.bytes(data, (long) w * h * 4, MAX_PIXELS * 4, p -> p);
 * }</pre>
 *
 * <p>For arrays of other element types (structs, pointers) use
 * {@link TaintedPointer#copyAndVerifyRange}; for strings, {@link TaintedPointer#copyAndVerifyString}.
 */
public final class CopyAndVerify {
    private CopyAndVerify() {}

    private static ByteBuffer copy(TaintedPointer<?> source, long count, int maxCount, int elementSize) {
        Checks.requireMax(maxCount, "element count");
        if (maxCount > (Integer.MAX_VALUE - 8) / elementSize) {
            throw new IllegalArgumentException("maxCount " + maxCount + " exceeds a Java array of " + elementSize + "-byte elements");
        }
        Checks.verifyCount(count, maxCount, "element");
        if (source.type().size(source.memory().pointerSize()) != elementSize) {
            throw new IllegalStateException("copying " + elementSize + "-byte elements through a pointer to " + source.type());
        }
        source.checkDereferenceable(count);
        byte[] bytes = new byte[(int) count * elementSize];
        if (count > 0) {
            source.memory().copyOut(source.rawAddress(), bytes, 0, bytes.length);
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Copies {@code count} byte values and hands the copy to a verifier.
     *
     * @param source the first element
     * @param count the number of elements (a tainted count may be passed unverified: it is checked
     *     against {@code maxCount} here)
     * @param maxCount the most elements the host accepts to copy
     * @param verifier checks the copy and returns a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     * @throws VerificationException if {@code count} is negative or above {@code maxCount}
     * @throws SandboxMemoryException if the pointer is null (and {@code count > 0}) or the range
     *     is not inside memory
     */
    public static <R> R bytes(TaintedPointer<Byte> source, long count, int maxCount,
            Function<? super byte[], ? extends R> verifier) {
        return verifier.apply(copy(source, count, maxCount, 1).array());
    }

    /**
     * Copies {@code count} short values and hands the copy to a verifier.
     *
     * @param source the first element
     * @param count the number of elements (a tainted count may be passed unverified: it is checked
     *     against {@code maxCount} here)
     * @param maxCount the most elements the host accepts to copy
     * @param verifier checks the copy and returns a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     * @throws VerificationException if {@code count} is negative or above {@code maxCount}
     * @throws SandboxMemoryException if the pointer is null (and {@code count > 0}) or the range
     *     is not inside memory
     */
    public static <R> R shorts(TaintedPointer<Short> source, long count, int maxCount,
            Function<? super short[], ? extends R> verifier) {
        ByteBuffer bytes = copy(source, count, maxCount, 2);
        short[] values = new short[(int) count];
        bytes.asShortBuffer().get(values);
        return verifier.apply(values);
    }

    /**
     * Copies {@code count} int values and hands the copy to a verifier.
     *
     * @param source the first element
     * @param count the number of elements (a tainted count may be passed unverified: it is checked
     *     against {@code maxCount} here)
     * @param maxCount the most elements the host accepts to copy
     * @param verifier checks the copy and returns a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     * @throws VerificationException if {@code count} is negative or above {@code maxCount}
     * @throws SandboxMemoryException if the pointer is null (and {@code count > 0}) or the range
     *     is not inside memory
     */
    public static <R> R ints(TaintedPointer<Integer> source, long count, int maxCount,
            Function<? super int[], ? extends R> verifier) {
        ByteBuffer bytes = copy(source, count, maxCount, 4);
        int[] values = new int[(int) count];
        bytes.asIntBuffer().get(values);
        return verifier.apply(values);
    }

    /**
     * Copies {@code count} long values and hands the copy to a verifier.
     *
     * @param source the first element
     * @param count the number of elements (a tainted count may be passed unverified: it is checked
     *     against {@code maxCount} here)
     * @param maxCount the most elements the host accepts to copy
     * @param verifier checks the copy and returns a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     * @throws VerificationException if {@code count} is negative or above {@code maxCount}
     * @throws SandboxMemoryException if the pointer is null (and {@code count > 0}) or the range
     *     is not inside memory
     */
    public static <R> R longs(TaintedPointer<Long> source, long count, int maxCount,
            Function<? super long[], ? extends R> verifier) {
        ByteBuffer bytes = copy(source, count, maxCount, 8);
        long[] values = new long[(int) count];
        bytes.asLongBuffer().get(values);
        return verifier.apply(values);
    }

    /**
     * Copies {@code count} float values and hands the copy to a verifier.
     *
     * @param source the first element
     * @param count the number of elements (a tainted count may be passed unverified: it is checked
     *     against {@code maxCount} here)
     * @param maxCount the most elements the host accepts to copy
     * @param verifier checks the copy and returns a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     * @throws VerificationException if {@code count} is negative or above {@code maxCount}
     * @throws SandboxMemoryException if the pointer is null (and {@code count > 0}) or the range
     *     is not inside memory
     */
    public static <R> R floats(TaintedPointer<Float> source, long count, int maxCount,
            Function<? super float[], ? extends R> verifier) {
        ByteBuffer bytes = copy(source, count, maxCount, 4);
        float[] values = new float[(int) count];
        bytes.asFloatBuffer().get(values);
        return verifier.apply(values);
    }

    /**
     * Copies {@code count} double values and hands the copy to a verifier.
     *
     * @param source the first element
     * @param count the number of elements (a tainted count may be passed unverified: it is checked
     *     against {@code maxCount} here)
     * @param maxCount the most elements the host accepts to copy
     * @param verifier checks the copy and returns a safe value, or throws
     * @param <R> the type of the safe value
     * @return what the verifier returned
     * @throws VerificationException if {@code count} is negative or above {@code maxCount}
     * @throws SandboxMemoryException if the pointer is null (and {@code count > 0}) or the range
     *     is not inside memory
     */
    public static <R> R doubles(TaintedPointer<Double> source, long count, int maxCount,
            Function<? super double[], ? extends R> verifier) {
        ByteBuffer bytes = copy(source, count, maxCount, 8);
        double[] values = new double[(int) count];
        bytes.asDoubleBuffer().get(values);
        return verifier.apply(values);
    }
}
