package io.gannotebooks.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
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
        Square square = readCentreSquare(file);
        return resizeToBytes(square.planes(), square.side(), side, square.orientation());
    }

    /**
     * A square picture, as 3 planes of from x from sRGB values in [0, 255], resized to 3 planes of
     * side x side bytes: the last step of every decoder, so that all cached images are made alike.
     */
    static byte[] resizeToBytes(float[] planes, int from, int side) {
        return resizeToBytes(planes, from, side, 1);
    }

    /** As {@link #resizeToBytes(float[], int, int)}, then turned upright by EXIF {@code orientation} (1..8). */
    static byte[] resizeToBytes(float[] planes, int from, int side, int orientation) {
        float[] resized = Resampler.resize(planes, 3, from, side);
        // rotating after the resize: the same result on a square, on far fewer pixels
        float[] upright = ExifOrientation.apply(resized, 3, side, orientation);
        byte[] bytes = new byte[upright.length];
        for (int i = 0; i < upright.length; i++) {
            bytes[i] = (byte) Math.max(0, Math.min(255, Math.round(upright[i])));
        }
        return bytes;
    }

    /** The centre square as stored: 3 planes of side x side sRGB values, and how to turn it upright. */
    private record Square(float[] planes, int side, int orientation) {
    }

    private Square readCentreSquare(Path file) throws UnreadableImageException {
        try (ImageInputStream input = new FileImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw input.length() == 0 ? UnreadableImageException.empty() : UnreadableImageException.notAnImage();
            }
            ImageReader reader = readers.next();
            try {
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                reader.setInput(input, true, false);
                JpegHeader jpeg = jpegHeader(reader);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                int crop = Math.min(width, height);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(new Rectangle((width - crop) / 2, (height - crop) / 2, crop, crop));
                int step = Math.max(1, crop / (OVERSAMPLING * side));
                param.setSourceSubsampling(step, step, 0, 0);
                float[] planes;
                int decoded;
                if (jpeg.isFourComponent()) {
                    // the raw samples, before ImageIO's wrong (or refused) CMYK conversion
                    Raster raster = reader.readRaster(0, param);
                    planes = CmykPlanes.of(raster, jpeg);
                    decoded = raster.getWidth();
                } else {
                    BufferedImage image = reader.read(0, param);
                    planes = SrgbPlanes.of(image);
                    decoded = image.getWidth();
                }
                // ImageIO "succeeds" on a truncated JPEG, filling the missing part with grey, and only warns;
                // such an image would teach the network grey bands, so any warning disqualifies it.
                if (!warnings.isEmpty()) {
                    throw UnreadableImageException.damaged(warnings.get(0));
                }
                return new Square(planes, decoded, jpeg.orientation());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw UnreadableImageException.of(e);
        }
    }

    /**
     * The JPEG markers ImageIO's decoding ignores; {@link JpegHeader#PLAIN} for other formats, and for
     * JPEGs whose metadata ImageIO cannot parse (the pixels may still be fine).
     */
    private static JpegHeader jpegHeader(ImageReader reader) {
        if (!"jpeg".equalsIgnoreCase(safeFormatName(reader))) {
            return JpegHeader.PLAIN;
        }
        try {
            return JpegHeader.of(reader.getImageMetadata(0));
        } catch (IOException | RuntimeException e) {
            return JpegHeader.PLAIN;
        }
    }

    private static String safeFormatName(ImageReader reader) {
        try {
            return reader.getFormatName();
        } catch (IOException e) {
            return "";
        }
    }
}
