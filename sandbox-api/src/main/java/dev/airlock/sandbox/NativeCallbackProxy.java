package dev.airlock.sandbox;

import com.sun.jna.CallbackProxy;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * A JNA callback for the native backend: JNA's trampoline calls {@link #callback} with the C
 * arguments boxed, and it forwards them to the generated adapter of the callback it currently
 * serves (see {@link CallbackAdapters}) through a spreading method handle — no reflection.
 *
 * <p>A proxy outlives the callbacks it serves: JNA frees a trampoline only when its proxy is
 * garbage collected, so a library that called an unregistered callback's pointer would jump into
 * freed code. The backend therefore keeps its proxies for the sandbox's lifetime and reuses a free
 * one for the next callback of the same C signature; a stale call meanwhile finds no target and
 * is refused.
 *
 * <p>Nothing is ever thrown into JNA (it cannot unwind the C frames either): a failure — the
 * callback's own exception, or a call after unregister — is handed to the sandbox's gate, which
 * poisons the sandbox and throws when the call into the library returns; the C code gets a zero.
 */
final class NativeCallbackProxy implements CallbackProxy {
    private final Class<?>[] parameterTypes;
    private final Class<?> returnType;
    private final CallGate gate;
    /** The adapter bound to its slot, as {@code (Object[]) Object}; null while the proxy is free. */
    private volatile MethodHandle target;
    /** What the callback serves, for messages. */
    private volatile String serving = "nothing";

    NativeCallbackProxy(Class<?>[] parameterTypes, Class<?> returnType, CallGate gate) {
        this.parameterTypes = parameterTypes.clone();
        this.returnType = returnType;
        this.gate = gate;
    }

    /** Serves {@code slot} from now on. */
    void serve(CallbackSlot slot, MethodHandle adapter) {
        serving = slot.type.getSimpleName();
        target = adapter.bindTo(slot).asSpreader(Object[].class, parameterTypes.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
    }

    /** Serves nothing: stale calls are refused. */
    void release() {
        target = null;
    }

    @Override
    public Object callback(Object[] args) {
        MethodHandle t = target;
        try {
            if (t == null) {
                throw new CallbackException(gate.name() + ": the library called a callback (last " + serving
                        + ") after it was unregistered");
            }
            return t.invokeExact(args);
        } catch (Throwable e) {
            gate.callbackFailed(e);
            return zero(returnType);
        }
    }

    @Override
    public Class<?>[] getParameterTypes() {
        return parameterTypes.clone();
    }

    @Override
    public Class<?> getReturnType() {
        return returnType;
    }

    private static Object zero(Class<?> type) {
        if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == float.class) {
            return 0f;
        } else if (type == double.class) {
            return 0d;
        }
        return null;
    }
}
