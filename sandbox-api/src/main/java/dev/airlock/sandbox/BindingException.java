package dev.airlock.sandbox;

/**
 * An interface cannot be bound to a sandboxed library: a method names a function the library
 * does not export, its Java signature does not match the function's type, or it uses a Java type
 * the binding does not support. The message names the method and what is wrong.
 */
public final class BindingException extends SandboxException {
    private static final long serialVersionUID = 1L;

    BindingException(String message) {
        super(message);
    }

    BindingException(String message, Throwable cause) {
        super(message, cause);
    }
}
