package dev.airlock.libs.image;

import java.util.List;

/**
 * The frames of an animated GIF (a still GIF has one), each composited onto the canvas the way
 * browsers show it, so every frame is a whole {@code width x height} image.
 *
 * @param width the canvas width
 * @param height the canvas height
 * @param frames the frames in order, at least one
 */
public record DecodedAnimation(int width, int height, List<Frame> frames) {
    /** Copies the frame list. */
    public DecodedAnimation {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animation has at least one frame");
        }
    }

    /**
     * One frame and how long it is shown.
     *
     * @param image the frame
     * @param delayMillis the delay before the next frame, in milliseconds (0 if the file sets none)
     */
    public record Frame(DecodedImage image, int delayMillis) {
    }
}
