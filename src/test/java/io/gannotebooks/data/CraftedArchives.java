package io.gannotebooks.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hostile and broken archives, built byte by byte: what a download from an arbitrary URL may hold.
 *
 * <p>Gigabytes of zeros are not compressed here (that would take minutes): one mebibyte is deflated once,
 * ending in a full flush, which empties the compressor's window. The block sequence it gives refers to
 * nothing before it, so it can be repeated any number of times and read back as that many mebibytes;
 * a final empty block ends the stream. That is how a few megabytes come to expand to many gigabytes.
 */
final class CraftedArchives {
    static final int MIB = 1 << 20;
    private static final byte[] ZERO_MIB = new byte[MIB];
    /** One mebibyte of zeros, deflated and fully flushed (about 1 KB). */
    private static final byte[] DEFLATED_ZERO_MIB = fullyFlushed(ZERO_MIB);
    /** A final deflate block with no data: BFINAL = 1, fixed codes, end of block. */
    private static final byte[] FINAL_BLOCK = {0x03, 0x00};

    private CraftedArchives() {
    }

    /** Raw deflate data (no zlib or gzip wrapper) of {@code prefix} then {@code mebibytes} MiB of zeros. */
    static byte[] deflatedZeros(byte[] prefix, int mebibytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (prefix.length > 0) {
            out.writeBytes(fullyFlushed(prefix));
        }
        for (int i = 0; i < mebibytes; i++) {
            out.writeBytes(DEFLATED_ZERO_MIB);
        }
        out.writeBytes(FINAL_BLOCK);
        return out.toByteArray();
    }

    /** CRC-32 of {@code prefix} then {@code mebibytes} MiB of zeros. */
    static long crcOfZeros(byte[] prefix, int mebibytes) {
        CRC32 crc = new CRC32();
        crc.update(prefix);
        for (int i = 0; i < mebibytes; i++) {
            crc.update(ZERO_MIB);
        }
        return crc.getValue();
    }

    private static byte[] fullyFlushed(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        deflater.end();
        return out.toByteArray();
    }

    /**
     * A .tgz whose tar holds one entry {@code name} declaring {@code mebibytes} MiB, and holding them: zeros,
     * about 1 MB of gzip per gigabyte of tar, all of which a reader must inflate to get past the entry.
     */
    static byte[] tgzOfZeros(String name, int mebibytes) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize((long) mebibytes * MIB);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        long size = header.length + (long) mebibytes * MIB;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff}); // gzip, deflate, no name
        out.writeBytes(deflatedZeros(header, mebibytes));
        ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putInt((int) crcOfZeros(header, mebibytes)).putInt((int) size);
        out.writeBytes(trailer.array());
        return out.toByteArray();
    }

    /** A plain tar whose one entry {@code name} declares {@code declared} bytes and holds {@code held}. */
    static byte[] tarDeclaring(String name, long declared, int held) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(declared);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(new byte[held]);
        return out.toByteArray();
    }

    /** The name the long-name headers of {@link #tarOfLongNameChain} give the image at its end. */
    static final String CHAIN_NAME = "chain/" + "n".repeat(150) + ".png";

    /**
     * A tar of {@code count} GNU long-name headers in a row, each naming the entry after it, which is
     * another long name: a reader that keeps following them recurses (and keeps the names in memory)
     * until the end, where one image stands, named by the last of them {@link #CHAIN_NAME}.
     */
    static byte[] tarOfLongNameChain(int count, byte[] image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] name = CHAIN_NAME.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < count; i++) {
                TarArchiveEntry longName = new TarArchiveEntry(TarConstants.GNU_LONGLINK, TarConstants.LF_GNUTYPE_LONGNAME);
                longName.setSize(name.length);
                tar.putArchiveEntry(longName);
                tar.write(name);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry last = new TarArchiveEntry("chain/end.png");
            last.setSize(image.length);
            tar.putArchiveEntry(last);
            tar.write(image);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    /** A tar of {@code first}, then a header-sized block of noise, then {@code second}. */
    static byte[] tarWithGarbageHeader(byte[] first, byte[] second) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(tarOf("a.png", first, false));
        byte[] noise = new byte[512];
        new SplittableRandom(25).nextBytes(noise);
        bytes.writeBytes(noise);
        bytes.writeBytes(tarOf("b.png", second, true));
        return bytes.toByteArray();
    }

    /** One entry as tar blocks; with the two end-of-archive blocks or without. */
    static byte[] tarOf(String name, byte[] content, boolean end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        byte[] header = new byte[512];
        entry.writeEntryHeader(header);
        bytes.writeBytes(header);
        bytes.writeBytes(content);
        bytes.writeBytes(new byte[(512 - content.length % 512) % 512]);
        if (end) {
            bytes.writeBytes(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    /**
     * One zip entry as it will be written: {@code data} as stored in the archive (deflated unless
     * {@code method} is 0), what it really expands to ({@code crc}, {@code size}), and what its headers
     * claim ({@code declaredSize}); {@code descriptor}: the sizes follow the data instead of standing in
     * the local header, as a streaming writer does.
     */
    record ZipEntrySpec(String name, int method, byte[] data, long crc, long size, long declaredSize, boolean descriptor) {
        static ZipEntrySpec stored(String name, byte[] content) {
            CRC32 crc = new CRC32();
            crc.update(content);
            return new ZipEntrySpec(name, 0, content, crc.getValue(), content.length, content.length, false);
        }

        /** {@code mebibytes} MiB of zeros, deflated, declaring {@code declaredSize} bytes. */
        static ZipEntrySpec zeros(String name, int mebibytes, long declaredSize, boolean descriptor) {
            return new ZipEntrySpec(name, 8, deflatedZeros(new byte[0], mebibytes), crcOfZeros(new byte[0], mebibytes),
                    (long) mebibytes * MIB, declaredSize, descriptor);
        }

        ZipEntrySpec named(String other) {
            return new ZipEntrySpec(other, method, data, crc, size, declaredSize, descriptor);
        }
    }

    /** A zip of {@code entries} whose central directory lists {@code listed} (the same ones, normally). */
    static byte[] zip(List<ZipEntrySpec> entries, List<ZipEntrySpec> listed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        for (ZipEntrySpec e : entries) {
            offsets.add((long) out.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer local = little(30 + name.length);
            local.putInt(0x04034b50).putShort((short) 20).putShort((short) (e.descriptor() ? 8 : 0))
                    .putShort((short) e.method()).putShort((short) 0).putShort((short) 0x21)
                    .putInt(e.descriptor() ? 0 : (int) e.crc())
                    .putInt(e.descriptor() ? 0 : e.data().length)
                    .putInt(e.descriptor() ? 0 : (int) e.declaredSize())
                    .putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(local.array());
            out.writeBytes(e.data());
            if (e.descriptor()) {
                ByteBuffer descriptor = little(16);
                descriptor.putInt(0x08074b50).putInt((int) e.crc()).putInt(e.data().length).putInt((int) e.declaredSize());
                out.writeBytes(descriptor.array());
            }
        }
        long directoryStart = out.size();
        for (ZipEntrySpec e : listed) {
            int index = indexOfData(entries, e);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer central = little(46 + name.length);
            central.putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                    .putShort((short) (e.descriptor() ? 8 : 0)).putShort((short) e.method())
                    .putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) e.crc()).putInt(e.data().length).putInt((int) e.declaredSize())
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) (long) offsets.get(index)).put(name);
            out.writeBytes(central.array());
        }
        long directorySize = out.size() - directoryStart;
        ByteBuffer end = little(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) listed.size()).putShort((short) listed.size())
                .putInt((int) directorySize).putInt((int) directoryStart).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    /** The entry of {@code entries} whose data {@code listed} lists (the same data, perhaps another name). */
    private static int indexOfData(List<ZipEntrySpec> entries, ZipEntrySpec listed) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).data() == listed.data()) {
                return i;
            }
        }
        throw new IllegalArgumentException("the central directory can only list entries of the archive");
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@code bytes} of noise: as incompressible as a JPEG. */
    static byte[] noise(int bytes, long seed) {
        byte[] data = new byte[bytes];
        new SplittableRandom(seed).nextBytes(data);
        return data;
    }
}
