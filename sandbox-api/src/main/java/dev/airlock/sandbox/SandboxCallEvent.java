package dev.airlock.sandbox;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: one call into a sandboxed library, with its duration. Disabled by default
 * (calls are frequent); enable {@value #NAME} in a recording, with a threshold if only slow
 * calls matter. Created only while the event is enabled (see {@link SandboxEvents}).
 */
@Name(SandboxCallEvent.NAME)
@Label("Sandbox Call")
@Category({"Airlock", "Sandbox"})
@Description("A call into a sandboxed library function")
@StackTrace(false)
@Enabled(false)
final class SandboxCallEvent extends jdk.jfr.Event {
    /** The event's name in recordings. */
    static final String NAME = "dev.airlock.sandbox.Call";

    @Label("Sandbox")
    String sandbox;

    @Label("Function")
    String function;

    @Label("Failed")
    boolean failed;
}
