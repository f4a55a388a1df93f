package dev.airlock.wasm.compile;

/**
 * Where the method of each defined function is: its class (by index among the module's classes)
 * and its name. Decided before any code is emitted, so calls can be emitted in one pass.
 */
final class CallTargets {
    /** Number of imported functions (which have no method). */
    final int importedCount;
    /** For each defined function, the index of its class. */
    final int[] classOf;

    CallTargets(int importedCount, int[] classOf) {
        this.importedCount = importedCount;
        this.classOf = classOf;
    }

    /** The method name of function {@code functionIndex} (a defined function). */
    static String methodName(int functionIndex) {
        return "f" + functionIndex;
    }

    /** The class index of defined function {@code functionIndex}. */
    int classIndex(int functionIndex) {
        return classOf[functionIndex - importedCount];
    }
}
