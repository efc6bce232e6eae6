package io.gannotebooks.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One image file to side x side RGB bytes: decode, centre-crop to a square, resize, quantise.
 *
 * <p>Only the central square is decoded, and big photos are decimated while decoding (every k-th pixel)
 * down to no less than {@link #OVERSAMPLING} times the target side: a 4000x3000 JPEG becomes a 600x600
 * crop, a few MB of heap rather than the 36 MB of the full picture. The area averaging that follows
 * does the real, alias-free shrinking.
 */
final class ImageDecoder {
    /** The decimated crop keeps at least this many source pixels per output pixel along each axis. */
    static final int OVERSAMPLING = 8;

    private final int side;

    ImageDecoder(int side) {
        this.side = side;
    }

    /**
     * The image as 3 planes (R, G, B) of side x side bytes, channel first.
     *
     * @throws UnreadableImageException with a short reason if the file is not a complete, supported image
     */
    byte[] decode(Path file) throws UnreadableImageException {
        BufferedImage square = readCentreSquare(file);
        return resizeToBytes(SrgbPlanes.of(square), square.getWidth(), side);
    }

    /**
     * A square picture, as 3 planes of from x from sRGB values in [0, 255], resized to 3 planes of
     * side x side bytes: the last step of every decoder, so that all cached images are made alike.
     */
    static byte[] resizeToBytes(float[] planes, int from, int side) {
        float[] resized = Resampler.resize(planes, 3, from, side);
        byte[] bytes = new byte[resized.length];
        for (int i = 0; i < resized.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(resized[i])));
        }
        return bytes;
    }

    private BufferedImage readCentreSquare(Path file) throws UnreadableImageException {
        try (ImageInputStream input = new FileImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new UnreadableImageException(input.length() == 0 ? "empty file" : "not a supported image");
            }
            ImageReader reader = readers.next();
            try {
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int crop = Math.min(width, height);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new Rectangle((width - crop) / 2, (height - crop) / 2, crop, crop));
                int step = Math.max(1, crop / (OVERSAMPLING * side));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                // ImageIO "succeeds" on a truncated JPEG, filling the missing part with grey, and only warns;
                // such an image would teach the network grey bands, so any warning disqualifies it.
                if (!warnings.isEmpty()) {
                    throw new UnreadableImageException("damaged (" + warnings.get(0) + ")");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO signals bad data with IIOException, but also with IndexOutOfBounds, NegativeArraySize...
            throw new UnreadableImageException(reason(e));
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }
}
