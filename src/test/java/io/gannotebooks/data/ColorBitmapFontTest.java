package io.gannotebooks.data;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColorBitmapFontTest {
    private final TinyColorFont font = new TinyColorFont(TestImages.filled(12, 10, Color.RED),
            TestImages.filled(8, 8, Color.BLUE), TestImages.filled(5, 5, Color.GREEN));

    @Test
    void readsThePngsTheIndexPointsAtInGlyphOrderFromTheLargestStrike() throws Exception {
        List<ColorBitmapFont.Bitmap> bitmaps = ColorBitmapFont.parse(ByteBuffer.wrap(font.bytes()));

        // glyph 2 has no bitmap, glyph 20 is in the smaller strike, the decoy PNG in "head" is in no index
        assertEquals(List.of(1, 3, 7, 9), bitmaps.stream().map(ColorBitmapFont.Bitmap::glyph).toList());
        assertArrayEquals(font.first, bitmaps.get(0).png(), "format 17 (index format 1)");
        assertArrayEquals(font.second, bitmaps.get(1).png(), "format 17, after an empty glyph");
        assertArrayEquals(font.first, bitmaps.get(2).png(), "format 18 (index format 4)");
        assertArrayEquals(font.second, bitmaps.get(3).png(), "format 19 (index format 5)");
        assertTrue(bitmaps.stream().noneMatch(b -> Arrays.equals(b.png(), font.decoy)));
    }

    @Test
    void refusesFontsWithoutColourTablesOrWithOffsetsOutsideThem() {
        byte[] plain = TinyColorFont.sfnt(new String[]{"head"}, new byte[][]{font.decoy});
        var noTables = assertThrows(ColorBitmapFont.FontFormatException.class,
                () -> ColorBitmapFont.parse(ByteBuffer.wrap(plain)));
        assertEquals("no CBLC/CBDT tables: not a colour bitmap font", noTables.getMessage());

        // the CBDT table is first in the file: cutting its length in the directory strands every record
        byte[] cut = font.bytes();
        ByteBuffer.wrap(cut).putInt(12 + 12, 40);
        var damaged = assertThrows(ColorBitmapFont.FontFormatException.class,
                () -> ColorBitmapFont.parse(ByteBuffer.wrap(cut)));
        assertTrue(damaged.getMessage().startsWith("damaged tables") || damaged.getMessage().contains("claims"),
                damaged.getMessage());

        byte[] truncated = Arrays.copyOf(font.bytes(), 60);
        assertThrows(ColorBitmapFont.FontFormatException.class, () -> ColorBitmapFont.parse(ByteBuffer.wrap(truncated)));
    }
}
