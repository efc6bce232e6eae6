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
}
