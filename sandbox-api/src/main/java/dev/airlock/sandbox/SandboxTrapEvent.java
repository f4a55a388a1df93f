package dev.airlock.sandbox;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event: a call failed inside a sandbox, which is now poisoned. Enabled by default. */
@Name(SandboxTrapEvent.NAME)
@Label("Sandbox Trap")
@Category({"Airlock", "Sandbox"})
@Description("A call into a sandbox trapped (or ran past its deadline); the sandbox is poisoned")
final class SandboxTrapEvent extends jdk.jfr.Event {
    /** The event's name in recordings. */
    static final String NAME = "dev.airlock.sandbox.Trap";

    @Label("Sandbox")
    String sandbox;

    @Label("Function")
    String function;

    @Label("Kind")
    String kind;

    @Label("Message")
    String message;
}
