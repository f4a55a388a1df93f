package dev.airlock.wasm.compile;

/**
 * The control stack as an immutable linked list, innermost frame first, so that the sizing pass
 * can remember it for every instruction by reference (a region method needs the labels that
 * enclose its region).
 */
final class FrameList {
    /** The innermost frame. */
    final ControlFrame frame;
    /** The enclosing frames, or null. */
    final FrameList outer;

    FrameList(ControlFrame frame, FrameList outer) {
        this.frame = frame;
        this.outer = outer;
    }

    /** The frame {@code depth} levels out from {@code list} (0: the innermost). */
    static ControlFrame at(FrameList list, int depth) {
        FrameList l = list;
        for (int i = 0; i < depth; i++) {
            l = l.outer;
        }
        return l.frame;
    }

    /** Number of frames. */
    static int size(FrameList list) {
        int n = 0;
        for (FrameList l = list; l != null; l = l.outer) {
            n++;
        }
        return n;
    }
}
