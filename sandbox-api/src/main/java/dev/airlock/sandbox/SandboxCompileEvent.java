package dev.airlock.sandbox;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** JFR event: a Wasm library was compiled to JVM bytecode ({@link SandboxLibrary#wasm}). Enabled by default. */
@Name(SandboxCompileEvent.NAME)
@Label("Sandbox Library Compile")
@Category({"Airlock", "Sandbox"})
@Description("A WebAssembly library was decoded, validated and compiled to JVM classes")
final class SandboxCompileEvent extends jdk.jfr.Event {
    /** The event's name in recordings. */
    static final String NAME = "dev.airlock.sandbox.Compile";

    @Label("Library")
    String library;

    @Label("Module Size")
    @DataAmount
    long moduleBytes;

    @Label("Generated Classes")
    int classes;

    @Label("Functions Split")
    int splitFunctions;
}
