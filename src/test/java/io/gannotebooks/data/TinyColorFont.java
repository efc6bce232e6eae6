package io.gannotebooks.data;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A minimal sfnt font written byte by byte from the OpenType specification, with CBLC/CBDT tables that
 * store PNG bitmaps in the three colour formats and three of the index formats:
 *
 * <ul>
 *   <li>strike 1, 20 ppem (listed first, must be ignored: smaller): glyph 20 in index format 1, image format 17;</li>
 *   <li>strike 2, 109 ppem: glyphs 1..3 in index format 1 / image format 17, glyph 2 without a bitmap
 *       (equal offsets); glyph 9 in index format 5 / image format 19; glyph 7 in index format 4 / image
 *       format 18;</li>
 *   <li>a "head" table that holds a whole PNG file which no index points at: a reader that looked for PNG
 *       signatures would find it, one that follows the tables does not.</li>
 * </ul>
 */
final class TinyColorFont {
    final byte[] first;
    final byte[] second;
    final byte[] decoy;

    TinyColorFont(BufferedImage first, BufferedImage second, BufferedImage decoy) {
        this.first = png(first);
        this.second = png(second);
        this.decoy = png(decoy);
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The font file. */
    byte[] bytes() {
        // CBDT: header, then glyph records
        ByteBuffer cbdt = ByteBuffer.allocate(4 + 4 * (8 + 4) + 3 * first.length + 2 * second.length + 64);
        cbdt.putShort((short) 3).putShort((short) 0);
        int glyph1 = cbdt.position();
        smallMetrics(cbdt).putInt(first.length).put(first);
        int glyph3 = cbdt.position();
        smallMetrics(cbdt).putInt(second.length).put(second);
        int end13 = cbdt.position();
        int glyph9 = cbdt.position();
        cbdt.putInt(second.length).put(second);                 // format 19: no metrics
        int size9 = cbdt.position() - glyph9;
        int glyph7 = cbdt.position();
        cbdt.put(new byte[8]).putInt(first.length).put(first);   // format 18: big metrics
        int end7 = cbdt.position();
        int glyph20 = cbdt.position();
        smallMetrics(cbdt).putInt(second.length).put(second);
        int end20 = cbdt.position();
        byte[] cbdtBytes = Arrays.copyOf(cbdt.array(), cbdt.position());

        // CBLC: header, two BitmapSize records, then each strike's subtable array and subtables
        ByteBuffer cblc = ByteBuffer.allocate(1024);
        cblc.putShort((short) 3).putShort((short) 0).putInt(2);
        int small = 8;
        int large = 8 + 48;
        int arrays = 8 + 2 * 48;
        // small strike: one subtable, index format 1, glyph 20
        int smallArray = arrays;
        cblc.position(smallArray);
        cblc.putShort((short) 20).putShort((short) 20).putInt(8);
        cblc.putShort((short) 1).putShort((short) 17).putInt(glyph20).putInt(0).putInt(end20 - glyph20);
        bitmapSize(cblc, small, smallArray, 1, 20);
        // large strike: three subtables
        int largeArray = cblc.position();
        int records = 3 * 8;
        int sub1 = records;
        int sub2 = sub1 + 8 + 4 * 4;
        int sub3 = sub2 + 8 + 4 + 8 + 4 + 2 + 2;
        cblc.putShort((short) 1).putShort((short) 3).putInt(sub1);
        cblc.putShort((short) 9).putShort((short) 9).putInt(sub2);
        cblc.putShort((short) 7).putShort((short) 7).putInt(sub3);
        // index format 1: offsets for glyphs 1, 2, 3 and one past the end; glyph 2 has none
        cblc.putShort((short) 1).putShort((short) 17).putInt(glyph1)
                .putInt(0).putInt(glyph3 - glyph1).putInt(glyph3 - glyph1).putInt(end13 - glyph1);
        // index format 5: image size, 8 bytes of metrics, one glyph id (padded to 4 bytes)
        cblc.putShort((short) 5).putShort((short) 19).putInt(glyph9)
                .putInt(size9).put(new byte[8]).putInt(1).putShort((short) 9).putShort((short) 0);
        // index format 4: (glyph, offset) pairs plus one past the end
        cblc.putShort((short) 4).putShort((short) 18).putInt(glyph7)
                .putInt(1).putShort((short) 7).putShort((short) 0).putShort((short) 0).putShort((short) (end7 - glyph7));
        bitmapSize(cblc, large, largeArray, 3, 109);
        byte[] cblcBytes = Arrays.copyOf(cblc.array(), cblc.position());

        return sfnt(new String[]{"CBDT", "CBLC", "head"}, new byte[][]{cbdtBytes, cblcBytes, decoy});
    }

    private static ByteBuffer smallMetrics(ByteBuffer buffer) {
        return buffer.put(new byte[]{(byte) 128, (byte) 136, 0, 101, (byte) 136});
    }

    private static void bitmapSize(ByteBuffer cblc, int at, int arrayOffset, int subtables, int ppem) {
        cblc.putInt(at, arrayOffset).putInt(at + 8, subtables);
        cblc.put(at + 44, (byte) ppem).put(at + 45, (byte) ppem).put(at + 46, (byte) 32);
    }

    /** The table directory and the tables, each at a 4-byte boundary. */
    static byte[] sfnt(String[] tags, byte[][] tables) {
        int offset = 12 + 16 * tags.length;
        int total = offset;
        for (byte[] table : tables) {
            total += (table.length + 3) / 4 * 4;
        }
        ByteBuffer font = ByteBuffer.allocate(total);
        font.putInt(0x00010000).putShort((short) tags.length).putShort((short) 0).putShort((short) 0).putShort((short) 0);
        for (int t = 0; t < tags.length; t++) {
            font.put(tags[t].getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(0).putInt(offset)
                    .putInt(tables[t].length);
            font.put(offset, tables[t]);
            offset += (tables[t].length + 3) / 4 * 4;
        }
        return font.array();
    }
}
