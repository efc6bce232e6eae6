package io.gannotebooks.data;

import io.gannotebooks.util.Files2;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new cache file so that it appears complete or not at all.
 *
 * <p>Images go to a temporary file in the cache directory; {@link #commit} writes the header last, forces
 * the data to disk and renames the file into place in one atomic step. A crash, a full disk or Ctrl-C
 * leaves at worst a ".tmp" file, never a cache that looks complete and is not. Closing without a commit
 * deletes the temporary file.
 */
final class CacheWriter implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final int side;
    private int count;
    private boolean committed;

    CacheWriter(Path target, int side) throws IOException {
        this.target = target;
        this.side = side;
        Files.createDirectories(target.getParent());
        this.temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
        channel.position(CacheHeader.BYTES); // the header is written last, once the count is known
    }

    /** Appends one image: 3 x side x side bytes, channel first. */
    void append(byte[] image) throws IOException {
        if (image.length != CacheHeader.CHANNELS * side * side) {
            throw new IllegalArgumentException("image of " + image.length + " bytes in a cache of side " + side);
        }
        ByteBuffer buffer = ByteBuffer.wrap(image);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        count++;
    }

    int count() {
        return count;
    }

    /** Completes the file and moves it to its final name. */
    void commit(int skipped, String skipReasons) throws IOException {
        ByteBuffer header = new CacheHeader(side, count, skipped, skipReasons).encode();
        while (header.hasRemaining()) {
            channel.write(header, header.position());
        }
        channel.force(true);
        channel.close();
        Files2.move(temporary, target);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            channel.close();
            Files.deleteIfExists(temporary);
        }
    }
}
