package io.gannotebooks.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete cache file, read through memory maps: the operating system pages images in and out, so the
 * 2.4 GB of CelebA at 64x64 cost no Java heap at all.
 *
 * <p>One map can address at most 2 GB, so the file is mapped in segments of whole images, at most
 * {@link #SEGMENT_BYTES} each. Reads use absolute positions only, so any number of threads may read at once.
 */
final class CachedImages {
    private static final long SEGMENT_BYTES = 1L << 30;
    /** 0..255 to [-1, 1], looked up rather than divided: fill runs over every pixel of every batch. */
    private static final float[] LEVELS = new float[256];

    static {
        for (int level = 0; level < 256; level++) {
            LEVELS[level] = ImageConversion.fromByte(level);
        }
    }

    private final CacheHeader header;
    private final int imageBytes;
    private final int imagesPerSegment;
    private final MappedByteBuffer[] segments;

    private CachedImages(CacheHeader header, MappedByteBuffer[] segments, int imagesPerSegment) {
        this.header = header;
        this.imageBytes = (int) header.imageBytes();
        this.segments = segments;
        this.imagesPerSegment = imagesPerSegment;
    }

    /**
     * The cache at {@code file} if it exists, holds images of the given side and is complete; empty
     * otherwise (missing, another format version, or cut short), in which case the caller rebuilds it.
     */
    static Optional<CachedImages> open(Path file, int side) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate(CacheHeader.BYTES);
            while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
                // keep reading: a positional read may return fewer bytes than asked
            }
            if (bytes.hasRemaining()) {
                return Optional.empty();
            }
            CacheHeader header = CacheHeader.decode(bytes.flip());
            if (header == null || header.side() != side || channel.size() != header.fileBytes()) {
                return Optional.empty();
            }
            int perSegment = (int) Math.max(1, SEGMENT_BYTES / header.imageBytes());
            int segmentCount = (header.count() + perSegment - 1) / perSegment;
            MappedByteBuffer[] segments = new MappedByteBuffer[segmentCount];
            for (int s = 0; s < segmentCount; s++) {
                long first = (long) s * perSegment;
                long images = Math.min(perSegment, header.count() - first);
                // a mapping stays valid after its channel is closed
                segments[s] = channel.map(FileChannel.MapMode.READ_ONLY,
                        CacheHeader.BYTES + first * header.imageBytes(), images * header.imageBytes());
            }
            return Optional.of(new CachedImages(header, segments, perSegment));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    CacheHeader header() {
        return header;
    }

    int count() {
        return header.count();
    }

    /** Copies image {@code index} (3 x side x side bytes, channel first) into {@code dest}. */
    void read(int index, byte[] dest) {
        Objects.checkIndex(index, header.count());
        int offset = (index % imagesPerSegment) * imageBytes;
        segments[index / imagesPerSegment].get(offset, dest, 0, imageBytes);
    }

    /** Images addressable by {@link #fill}: count, or twice that with mirror images. */
    int size(boolean flip) {
        return flip ? 2 * count() : count();
    }

    /**
     * The images at {@code indices} as channel-first floats in [-1, 1], one after another, for
     * {@link ImageDataset#fill}. With {@code flip}, index {@code i >= count} is image {@code i - count}
     * mirrored left to right.
     */
    void fill(int[] indices, float[] dest, boolean flip) {
        int side = header.side();
        byte[] pixels = new byte[imageBytes];
        int count = count();
        for (int k = 0; k < indices.length; k++) {
            int index = Objects.checkIndex(indices[k], size(flip));
            boolean mirror = index >= count;
            read(mirror ? index - count : index, pixels);
            int base = k * imageBytes;
            for (int row = 0; row < CacheHeader.CHANNELS * side; row++) {
                int start = row * side;
                for (int x = 0; x < side; x++) {
                    int source = mirror ? start + side - 1 - x : start + x;
                    dest[base + start + x] = LEVELS[pixels[source] & 0xFF];
                }
            }
        }
    }
}
