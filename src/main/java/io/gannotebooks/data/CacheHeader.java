package io.gannotebooks.data;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first {@link #BYTES} bytes of an image cache file; the images follow, each 3 x side x side bytes,
 * channel first (the order {@link ImageDataset#fill} writes), 0..255 standing for [-1, 1].
 *
 * <pre>
 *   0  8 bytes  magic "GANIMGS\0"
 *   8  int      format version
 *  12  int      image side
 *  16  int      channels (3)
 *  20  int      image count
 *  24  int      files skipped as unreadable when the cache was built
 *  28  short    length of the next field, then that many bytes: UTF-8 skip counts by reason,
 *               "3 damaged, 1 empty" (the list of the files themselves is a text file next to the cache)
 * </pre>
 * Big-endian. The header carries the skip report so that an open from the cache tells the same story as
 * the open that decoded the folder.
 *
 * @param side         image side in pixels
 * @param count        images stored
 * @param skipped      files that could not be decoded
 * @param skipReasons  how many of them for each reason, "3 damaged, 1 empty"; "" when none
 */
record CacheHeader(int side, int count, int skipped, String skipReasons) {
    /**
     * Bump whenever the file layout or the decoded pixels change (crop, resampling, alpha background):
     * the version is part of the cache key, so old caches are then ignored instead of misread.
     */
    static final int FORMAT_VERSION = 2;
    static final int BYTES = 4096;
    static final int CHANNELS = 3;
    private static final byte[] MAGIC = "GANIMGS\0".getBytes(StandardCharsets.US_ASCII);
    private static final int TEXT_OFFSET = 30;

    CacheHeader {
        skipReasons = fitting(skipReasons == null ? "" : skipReasons);
    }

    long imageBytes() {
        return (long) CHANNELS * side * side;
    }

    /** Size of a complete cache file with this header. */
    long fileBytes() {
        return BYTES + count * imageBytes();
    }

    ByteBuffer encode() {
        ByteBuffer buffer = ByteBuffer.allocate(BYTES);
        byte[] text = skipReasons.getBytes(StandardCharsets.UTF_8);
        buffer.put(MAGIC).putInt(FORMAT_VERSION).putInt(side).putInt(CHANNELS).putInt(count).putInt(skipped)
                .putShort((short) text.length).put(text);
        return buffer.rewind();
    }

    /** The header in {@code buffer} (BYTES bytes), or null if it is not one this version wrote. */
    static CacheHeader decode(ByteBuffer buffer) {
        byte[] magic = new byte[MAGIC.length];
        buffer.get(magic);
        if (!Arrays.equals(magic, MAGIC) || buffer.getInt() != FORMAT_VERSION) {
            return null;
        }
        int side = buffer.getInt();
        int channels = buffer.getInt();
        int count = buffer.getInt();
        int skipped = buffer.getInt();
        int textLength = buffer.getShort();
        if (side < 1 || channels != CHANNELS || count < 0 || skipped < 0
                || textLength < 0 || TEXT_OFFSET + textLength > BYTES) {
            return null;
        }
        byte[] text = new byte[textLength];
        buffer.get(text);
        return new CacheHeader(side, count, skipped, new String(text, StandardCharsets.UTF_8));
    }

    /** Shortens the text to what the header holds, without cutting a character in two. */
    private static String fitting(String text) {
        int limit = BYTES - TEXT_OFFSET;
        if (text.getBytes(StandardCharsets.UTF_8).length <= limit) {
            return text;
        }
        int end = Math.min(text.length(), limit / 4); // 4 bytes is the longest UTF-8 character
        return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end);
    }
}
