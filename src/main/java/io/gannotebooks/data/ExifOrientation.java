package io.gannotebooks.data;

/**
 * The orientation tag (0x0112) of an EXIF block, and the turn or mirror it asks for.
 *
 * <p>Phones store a portrait photo as a landscape sensor image plus "orientation 6: rotate 90° clockwise
 * to display". The values 1..8 are TIFF's: each names where the stored 0th row and 0th column go.
 */
final class ExifOrientation {
    private static final int TAG = 0x0112;
    private static final int SHORT = 3;

    private ExifOrientation() {
    }

    /**
     * The orientation in an APP1 segment's data ("Exif\0\0" then a TIFF header and IFD0), or 1 (upright)
     * when the segment is not EXIF, has no orientation, or is malformed: a bad tag must never lose an image.
     */
    static int of(byte[] app1) {
        final int tiff = 6;
        if (app1.length < tiff + 8 || !(app1[0] == 'E' && app1[1] == 'x' && app1[2] == 'i' && app1[3] == 'f'
                && app1[4] == 0 && app1[5] == 0)) {
            return 1;
        }
        boolean little;
        if (app1[tiff] == 'I' && app1[tiff + 1] == 'I') {
            little = true;
        } else if (app1[tiff] == 'M' && app1[tiff + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long ifd = tiff + unsigned32(app1, tiff + 4, little);
        if (ifd + 2 > app1.length) {
            return 1;
        }
        int entries = unsigned16(app1, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > app1.length) {
                return 1;
            }
            if (unsigned16(app1, entry, little) == TAG) {
                if (unsigned16(app1, entry + 2, little) != SHORT) {
                    return 1;
                }
                int value = unsigned16(app1, entry + 8, little); // a single SHORT sits at the start of the field
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /**
     * The square picture as displayed: {@code planes} are channels of side x side values as stored, the
     * result the same values moved to where orientation {@code orientation} shows them. Only a square needs
     * handling because the decoder crops the centre square first, and every orientation maps the stored
     * centre square onto the displayed one.
     */
    static float[] apply(float[] planes, int channels, int side, int orientation) {
        if (orientation == 1) {
            return planes;
        }
        int plane = side * side;
        int last = side - 1;
        float[] shown = new float[planes.length];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                // (sx, sy): the stored pixel displayed at column x, row y
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = last - x; sy = y; }          // mirrored left-right
                    case 3 -> { sx = last - x; sy = last - y; }   // turned 180°
                    case 4 -> { sx = x; sy = last - y; }          // mirrored top-bottom
                    case 5 -> { sx = y; sy = x; }                 // transposed
                    case 6 -> { sx = y; sy = last - x; }          // to be turned 90° clockwise
                    case 7 -> { sx = last - y; sy = last - x; }   // transversed
                    case 8 -> { sx = last - y; sy = x; }          // to be turned 90° counter-clockwise
                    default -> throw new IllegalArgumentException("EXIF orientation is 1..8: " + orientation);
                }
                for (int c = 0; c < channels; c++) {
                    shown[c * plane + y * side + x] = planes[c * plane + sy * side + sx];
                }
            }
        }
        return shown;
    }

    private static int unsigned16(byte[] data, int at, boolean little) {
        int a = data[at] & 0xFF;
        int b = data[at + 1] & 0xFF;
        return little ? b << 8 | a : a << 8 | b;
    }

    private static long unsigned32(byte[] data, int at, boolean little) {
        long high = unsigned16(data, little ? at + 2 : at, little);
        long low = unsigned16(data, little ? at : at + 2, little);
        return high << 16 | low;
    }
}
