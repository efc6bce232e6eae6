package io.gannotebooks.data;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The colour bitmaps of an OpenType font, read from its tables as the OpenType specification lays them out:
 * the sfnt table directory locates {@code CBLC} (where each glyph's bitmap is) and {@code CBDT} (the bitmaps);
 * the largest strike of CBLC lists index subtables, each a run of glyph ids with the offsets of their
 * records in CBDT; records of formats 17, 18 and 19 hold one PNG each. This is how NotoColorEmoji.ttf
 * stores its emoji.
 *
 * <pre>
 *   sfnt header     u32 version ('ttcf' for a collection: the first font is read), u16 numTables, 6 bytes
 *   table record    tag[4], u32 checksum, u32 offset, u32 length                     (16 bytes each)
 *   CBLC            u16 major, u16 minor, u32 numSizes, BitmapSize[numSizes]         (48 bytes each)
 *   BitmapSize      u32 indexSubTableArrayOffset, u32 size, u32 numberOfIndexSubTables, u32 colorRef,
 *                   24 bytes line metrics, u16 startGlyph, u16 endGlyph, u8 ppemX, u8 ppemY, u8 depth, u8 flags
 *   subtable record u16 firstGlyph, u16 lastGlyph, u32 offset from the array        (8 bytes each)
 *   subtable header u16 indexFormat (1..5), u16 imageFormat, u32 imageDataOffset into CBDT
 *   CBDT record     format 17: 5 bytes small metrics, u32 length, PNG
 *                   format 18: 8 bytes big metrics,   u32 length, PNG
 *                   format 19: (metrics in CBLC)      u32 length, PNG
 * </pre>
 * All numbers big-endian. Only the tables' structure is trusted, never a byte pattern in the data.
 */
final class ColorBitmapFont {
    /** One glyph's bitmap: its glyph id and the PNG file stored for it. */
    record Bitmap(int glyph, byte[] png) {
        String name() {
            return "glyph " + glyph;
        }
    }

    private static final int TTC = 0x74746366; // 'ttcf'
    private static final int BITMAP_SIZE_BYTES = 48;

    private ColorBitmapFont() {
    }

    /**
     * Every PNG bitmap of the font's largest colour strike, in glyph order.
     *
     * @throws DatasetException if the file cannot be read, has no CBLC/CBDT tables, holds no PNG bitmaps or
     *                          has tables that point outside themselves
     */
    static List<Bitmap> read(Path font) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(font);
        } catch (IOException e) {
            throw new DatasetException("cannot read the font " + font + ": " + e.getMessage(), e);
        }
        try {
            return parse(ByteBuffer.wrap(bytes));
        } catch (FontFormatException e) {
            throw new DatasetException("cannot use the font " + font + ": " + e.getMessage());
        }
    }

    /** The tables are not what the specification says they must be. */
    static final class FontFormatException extends Exception {
        FontFormatException(String message) {
            super(message);
        }
    }

    static List<Bitmap> parse(ByteBuffer file) throws FontFormatException {
        ByteBuffer font = file.duplicate().order(ByteOrder.BIG_ENDIAN);
        try {
            ByteBuffer index = table(font, "CBLC");
            ByteBuffer data = table(font, "CBDT");
            if (index == null || data == null) {
                throw new FontFormatException("no CBLC/CBDT tables: not a colour bitmap font");
            }
            List<Bitmap> bitmaps = new ArrayList<>();
            int strike = largestStrike(index);
            int arrayOffset = u32(index, strike);
            int subtables = u32(index, strike + 8);
            for (int s = 0; s < subtables; s++) {
                int record = arrayOffset + 8 * s;
                readSubtable(index, arrayOffset + u32(index, record + 4), u16(index, record), u16(index, record + 2),
                        data, bitmaps);
            }
            if (bitmaps.isEmpty()) {
                throw new FontFormatException("no PNG bitmaps (CBDT formats 17, 18, 19) in its largest strike");
            }
            bitmaps.sort(Comparator.comparingInt(Bitmap::glyph));
            return bitmaps;
        } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException e) {
            throw new FontFormatException("damaged tables (an offset points outside its table)");
        }
    }

    /** The table with this tag as a buffer of its own (position 0 = the table's first byte), or null. */
    private static ByteBuffer table(ByteBuffer font, String tag) throws FontFormatException {
        int directory = 0;
        if (font.getInt(0) == TTC) {
            directory = u32(font, 12); // offset of the first font's table directory
        }
        int tables = u16(font, directory + 4);
        for (int t = 0; t < tables; t++) {
            int record = directory + 12 + 16 * t;
            if (tag(font, record).equals(tag)) {
                return font.slice(u32(font, record + 8), u32(font, record + 12)).order(ByteOrder.BIG_ENDIAN);
            }
        }
        return null;
    }

    /** Offset in CBLC of the BitmapSize record with the most pixels per em (fonts may carry several sizes). */
    private static int largestStrike(ByteBuffer index) throws FontFormatException {
        int sizes = u32(index, 4);
        if (sizes == 0) {
            throw new FontFormatException("CBLC lists no bitmap sizes");
        }
        int best = 8;
        for (int s = 1; s < sizes; s++) {
            int record = 8 + BITMAP_SIZE_BYTES * s;
            if (u8(index, record + 45) > u8(index, best + 45)) {
                best = record;
            }
        }
        return best;
    }

    /**
     * Adds the PNG bitmaps of glyphs {@code first..last} described by the index subtable at {@code at}:
     * indexFormat says how the CBDT offsets are stored, imageFormat how each CBDT record is laid out.
     */
    private static void readSubtable(ByteBuffer index, int at, int first, int last, ByteBuffer data,
                                     List<Bitmap> out) throws FontFormatException {
        int indexFormat = u16(index, at);
        int imageFormat = u16(index, at + 2);
        int imageData = u32(index, at + 4);
        int body = at + 8;
        if (imageFormat < 17 || imageFormat > 19) {
            return; // a monochrome or grey EBDT-style bitmap, not a colour one
        }
        int glyphs = last - first + 1;
        switch (indexFormat) {
            case 1, 3 -> { // an offset per glyph, plus one past the end: 32-bit (1) or 16-bit (3)
                boolean wide = indexFormat == 1;
                for (int k = 0; k < glyphs; k++) {
                    int start = wide ? u32(index, body + 4 * k) : u16(index, body + 2 * k);
                    int end = wide ? u32(index, body + 4 * (k + 1)) : u16(index, body + 2 * (k + 1));
                    if (end > start) { // equal offsets: the glyph has no bitmap
                        out.add(bitmap(first + k, data, imageData + start, end - start, imageFormat));
                    }
                }
            }
            case 2 -> { // every glyph the same size, one after another
                int size = u32(index, body);
                for (int k = 0; k < glyphs; k++) {
                    out.add(bitmap(first + k, data, imageData + k * size, size, imageFormat));
                }
            }
            case 4 -> { // sparse: (glyph id, 16-bit offset) pairs, plus one past the end
                int count = u32(index, body);
                for (int k = 0; k < count; k++) {
                    int pair = body + 4 + 4 * k;
                    int start = u16(index, pair + 2);
                    int end = u16(index, pair + 6);
                    out.add(bitmap(u16(index, pair), data, imageData + start, end - start, imageFormat));
                }
            }
            case 5 -> { // sparse and all the same size: a glyph id list after 8 bytes of shared metrics
                int size = u32(index, body);
                int count = u32(index, body + 12);
                for (int k = 0; k < count; k++) {
                    out.add(bitmap(u16(index, body + 16 + 2 * k), data, imageData + k * size, size, imageFormat));
                }
            }
            default -> throw new FontFormatException("unknown CBLC index format " + indexFormat);
        }
    }

    /** The PNG of the CBDT record at {@code at}, {@code length} bytes long, in the given image format. */
    private static Bitmap bitmap(int glyph, ByteBuffer data, int at, int length, int imageFormat)
            throws FontFormatException {
        int metrics = switch (imageFormat) {
            case 17 -> 5;
            case 18 -> 8;
            default -> 0; // 19: the metrics are in CBLC
        };
        int pngLength = u32(data, at + metrics);
        int pngStart = at + metrics + 4;
        if (length < metrics + 4 || pngLength > length - metrics - 4) {
            throw new FontFormatException("glyph " + glyph + " claims " + pngLength + " bytes of PNG in a "
                    + length + "-byte record");
        }
        byte[] png = new byte[pngLength];
        data.get(pngStart, png);
        return new Bitmap(glyph, png);
    }

    private static String tag(ByteBuffer buffer, int at) {
        char[] tag = new char[4];
        for (int i = 0; i < 4; i++) {
            tag[i] = (char) (buffer.get(at + i) & 0xFF);
        }
        return new String(tag);
    }

    private static int u8(ByteBuffer buffer, int at) {
        return buffer.get(at) & 0xFF;
    }

    private static int u16(ByteBuffer buffer, int at) {
        return buffer.getShort(at) & 0xFFFF;
    }

    /** An unsigned 32-bit count or offset; beyond 2 GB it cannot be inside a font we can hold in memory. */
    private static int u32(ByteBuffer buffer, int at) throws FontFormatException {
        int value = buffer.getInt(at);
        if (value < 0) {
            throw new FontFormatException("an offset or count of " + Integer.toUnsignedString(value) + " at byte " + at);
        }
        return value;
    }
}
