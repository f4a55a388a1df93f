package dev.airlock.taint;

/**
 * A pointer that came from one sandbox was used with the memory of another. Sandbox addresses are
 * meaningful only in the sandbox that produced them: the same number names unrelated bytes elsewhere.
 */
public class ForeignPointerException extends TaintException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message which pointer was used with which sandbox
     */
    public ForeignPointerException(String message) {
        super(message);
    }
}
