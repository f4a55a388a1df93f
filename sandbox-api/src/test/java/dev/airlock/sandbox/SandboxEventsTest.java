package dev.airlock.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.sandbox.Probes.Hazards;
import dev.airlock.sandbox.Probes.Probe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JFR events: recorded with a {@link Recording}, dumped to a file and read back. */
class SandboxEventsTest {
    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    @Test
    void callTrapAndCompileEventsAreRecorded(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sandbox.jfr");
        String sandboxName;
        try (Recording recording = new Recording()) {
            recording.enable(SandboxCallEvent.NAME).withThreshold(Duration.ZERO);
            recording.enable(SandboxTrapEvent.NAME);
            recording.enable(SandboxCompileEvent.NAME);
            recording.start();
            SandboxLibrary library = SandboxLibrary.wasm("probe-events", Probes.wasmBytes());
            try (Sandbox sandbox = Sandbox.create(library)) {
                sandboxName = sandbox.name();
                Probe probe = sandbox.bind(Probe.class);
                for (int i = 0; i < 3; i++) {
                    probe.probe_add(i, i);
                }
                assertThrows(SandboxTrapException.class, () -> sandbox.bind(Hazards.class).probe_trap(1));
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);

        List<RecordedEvent> calls = named(events, SandboxCallEvent.NAME);
        List<RecordedEvent> adds = calls.stream().filter(e -> "probe_add".equals(e.getString("function")))
                .collect(Collectors.toList());
        assertEquals(3, adds.size(), "one event per call: " + calls);
        for (RecordedEvent e : adds) {
            assertEquals(sandboxName, e.getString("sandbox"));
            assertFalse(e.getBoolean("failed"));
            assertFalse(e.getDuration().isNegative());
        }
        assertTrue(calls.stream().anyMatch(e -> "probe_trap".equals(e.getString("function")) && e.getBoolean("failed")),
                "the failed call is recorded as failed: " + calls);

        List<RecordedEvent> traps = named(events, SandboxTrapEvent.NAME);
        assertEquals(1, traps.size(), String.valueOf(traps));
        assertEquals("UNREACHABLE", traps.get(0).getString("kind"));
        assertEquals("probe_trap", traps.get(0).getString("function"));
        assertEquals(sandboxName, traps.get(0).getString("sandbox"));

        List<RecordedEvent> compiles = named(events, SandboxCompileEvent.NAME);
        assertEquals(1, compiles.size(), String.valueOf(compiles));
        assertEquals("probe-events", compiles.get(0).getString("library"));
        assertEquals(Probes.wasmBytes().length, compiles.get(0).getLong("moduleBytes"));
        assertTrue(compiles.get(0).getInt("classes") >= 1);
    }

    @Test
    void callEventIsDisabledByDefaultSoThatCallsStayCheap() {
        assertFalse(defaultEnabled(SandboxCallEvent.class));
        assertTrue(defaultEnabled(SandboxTrapEvent.class));
        assertTrue(defaultEnabled(SandboxCompileEvent.class));
    }

    private static boolean defaultEnabled(Class<? extends jdk.jfr.Event> type) {
        jdk.jfr.Enabled enabled = type.getAnnotation(jdk.jfr.Enabled.class);
        return enabled == null || enabled.value();
    }

    @Test
    void noEventIsCreatedForCallsWhileNothingRecords() {
        assertEquals(null, SandboxEvents.beginCall(), "the call event is not enabled: no event object");
    }
}
