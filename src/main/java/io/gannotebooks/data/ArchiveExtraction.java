package io.gannotebooks.data;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Copies the image files of a tar, gzip-compressed tar or zip archive into a folder, and nothing else.
 *
 * <p>An archive names its own files, so a hostile or careless one can name "../../.bashrc" or "/etc/passwd".
 * Entries whose names are absolute or climb out with "..", links (which could point anywhere), hidden files
 * and files that are not JPEG, PNG, GIF or BMP by name are passed over; what is written stays inside the
 * target folder.
 *
 * <p>An archive also states its own sizes, and a crafted one lies or expands without end. Whatever the
 * archive library does with it, the {@link ArchiveLimits} hold here: every byte the archive expands to
 * passes through a {@link Meter} (the tar stream inside a .tgz, each zip entry's data, the entries that are
 * not extracted included), an image entry stops being written at its size limit, the disk keeps its free
 * space, a tar header cannot grow past its limit, and a zip's local entries must be the ones its central
 * directory lists. Anything else the library throws on a damaged archive becomes a {@link Refused} too.
 */
final class ArchiveExtraction {
    /** The archive formats, chosen by the name's ending. */
    enum Format {
        TAR_GZ, TAR, ZIP;

        /** The format a URL's path or a file name ends with, if any. */
        static Optional<Format> of(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".tgz") || lower.endsWith(".tar.gz")) {
                return Optional.of(TAR_GZ);
            }
            if (lower.endsWith(".tar")) {
                return Optional.of(TAR);
            }
            return lower.endsWith(".zip") ? Optional.of(ZIP) : Optional.empty();
        }
    }

    /**
     * What the extraction did: images written, entries passed over for their names, image entries skipped
     * for their size (with the first of each, to name in a note).
     */
    record Result(int images, int unsafe, String firstUnsafe, int oversized, String firstOversized) {
    }

    /**
     * The archive was not extracted: it is damaged, crafted, or over one of the {@link ArchiveLimits}. The
     * message is a clause that follows "the archive from URL"; {@code advice}, if not empty, what to do.
     */
    static final class Refused extends IOException {
        final String advice;

        Refused(String message) {
            this(message, "", null);
        }

        Refused(String message, String advice, Throwable cause) {
            super(message, cause);
            this.advice = advice;
        }
    }

    private static final int BUFFER = 1 << 16;
    /** How many bytes may be written between two looks at the disk's free space. */
    private static final long SPACE_CHECK_BYTES = ArchiveLimits.MB;

    private ArchiveExtraction() {
    }

    static Result extract(Path archive, Format format, Path target) throws IOException {
        return extract(archive, format, target, ArchiveLimits.DEFAULT);
    }

    /**
     * Extracts the image files of {@code archive} below {@code target} (which must exist), keeping their
     * folders.
     *
     * @throws Refused     if the archive is damaged or over a limit; what was written is left for the caller
     *                     to delete with the target folder
     * @throws IOException if the target cannot be written
     */
    static Result extract(Path archive, Format format, Path target, ArchiveLimits limits) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Writer writer = new Writer(root, limits);
        List<ZipArchiveEntry> zipEntries = new ArrayList<>();
        try (CountingInputStream file = new CountingInputStream(
                new BufferedInputStream(Files.newInputStream(archive), BUFFER))) {
            Meter meter = new Meter(file, limits);
            try (ArchiveInputStream<?> entries = open(file, format, meter)) {
                // a zip inflates inside its reader: its entries' data is metered as we read it (all of it)
                InputStream data = format == Format.ZIP ? meter.wrap(entries) : entries;
                ArchiveEntry entry = null;
                while ((entry = next(entries, data, meter, entry)) != null) {
                    if (entry instanceof ZipArchiveEntry zip) {
                        zipEntries.add(zip); // its sizes and CRC are complete once its data has been read
                    }
                    if (isPlainFile(entry) && readable(entries, entry)) {
                        writer.take(entry, data);
                    }
                }
            }
        }
        if (format == Format.ZIP) {
            compareWithCentralDirectory(archive, zipEntries);
        }
        return writer.result();
    }

    /** Writes the entries that are safe images, and keeps the counts of the rest. */
    private static final class Writer {
        private final Path root;
        private final ArchiveLimits limits;
        private final byte[] buffer = new byte[BUFFER];
        private int images;
        private int unsafe;
        private String firstUnsafe = "";
        private int oversized;
        private String firstOversized = "";

        Writer(Path root, ArchiveLimits limits) {
            this.root = root;
            this.limits = limits;
        }

        void take(ArchiveEntry entry, InputStream data) throws IOException {
            Optional<Path> destination = inside(root, entry.getName());
            if (destination.isEmpty()) {
                if (unsafe++ == 0) {
                    firstUnsafe = entry.getName();
                }
                return;
            }
            Path path = destination.get();
            if (isHidden(path) || !ImageFiles.hasImageExtension(path)) {
                return;
            }
            if (entry.getSize() > limits.maxEntryBytes()) { // declared too big: not a byte written
                skipOversized(entry);
                return;
            }
            Files.createDirectories(path.getParent());
            if (copy(entry, data, path)) {
                images++;
            } else {
                Files.delete(path);
                skipOversized(entry);
            }
        }

        private void skipOversized(ArchiveEntry entry) {
            if (oversized++ == 0) {
                firstOversized = entry.getName();
            }
        }

        /** Copies the entry's data to {@code path}; false once it passes the size limit (the rest unread). */
        private boolean copy(ArchiveEntry entry, InputStream data, Path path) throws IOException {
            long declared = entry.getSize();
            long written = 0;
            long unchecked = SPACE_CHECK_BYTES; // look at the disk before the first bytes of every file
            try (OutputStream out = Files.newOutputStream(path)) {
                int n;
                while ((n = read(data, buffer)) >= 0) {
                    if (declared >= 0 && written + n > declared) {
                        throw new Refused("is crafted or damaged: its entry " + entry.getName() + " holds more than the "
                                + declared + " bytes it declares");
                    }
                    if (written + n > limits.maxEntryBytes()) {
                        return false;
                    }
                    unchecked += n;
                    if (unchecked >= SPACE_CHECK_BYTES) {
                        Optional<String> low = limits.lowSpace(root, root.getParent(), SPACE_CHECK_BYTES);
                        if (low.isPresent()) {
                            throw new Refused(low.get(),
                                    "free some space, or set GAN_CACHE_DIR to a folder on a disk with more", null);
                        }
                        unchecked = 0;
                    }
                    out.write(buffer, 0, n);
                    written += n;
                }
            }
            return true;
        }

        Result result() {
            return new Result(images, unsafe, firstUnsafe, oversized, firstOversized);
        }
    }

    private static ArchiveInputStream<?> open(InputStream file, Format format, Meter meter) throws IOException {
        try {
            return switch (format) {
                case TAR_GZ -> new TarArchiveInputStream(meter.wrap(new GZIPInputStream(file, BUFFER)));
                case TAR -> new TarArchiveInputStream(meter.wrap(file));
                case ZIP -> new ZipArchiveInputStream(file);
            };
        } catch (IOException | RuntimeException e) {
            throw damaged(e); // e.g. "Not in GZIP format"
        }
    }

    /**
     * The next entry, after reading the rest of the current one ourselves, so that what it expands to is
     * metered and the reader spends only headers inside {@code getNextEntry}.
     */
    private static ArchiveEntry next(ArchiveInputStream<?> entries, InputStream data, Meter meter, ArchiveEntry current)
            throws IOException {
        try {
            if (current != null && readable(entries, current)) {
                byte[] sink = new byte[BUFFER];
                while (data.read(sink) >= 0) {
                    // drained: a skipped entry costs what it expands to, like an extracted one
                }
            }
            meter.startHeader();
            ArchiveEntry next = entries.getNextEntry();
            meter.endHeader();
            return next;
        } catch (Refused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(e);
        } catch (StackOverflowError e) {
            // each GNU long-name or PAX header makes the reader call itself once more
            throw new Refused("is crafted or damaged: its headers nest too deeply");
        }
    }

    private static int read(InputStream data, byte[] buffer) throws IOException {
        try {
            return data.read(buffer);
        } catch (Refused e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(e);
        }
    }

    private static boolean readable(ArchiveInputStream<?> entries, ArchiveEntry entry) {
        return entries.canReadEntryData(entry); // false for encrypted zip entries and unknown methods
    }

    private static Refused damaged(Exception e) {
        String reason = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("").strip();
        reason = reason.replaceAll("\\.+$", ""); // "Corrupted TAR archive." inside parentheses
        if (reason.length() > 200) {
            reason = reason.substring(0, 200) + "…";
        }
        return new Refused("is damaged or truncated (" + reason + ")", "", e);
    }

    /**
     * A zip lists its entries twice: before each one's data (what a streaming reader like ours goes by) and
     * in the central directory at the end (what unzip, Java's ZipFile and file managers go by). A zip whose
     * two lists differ shows different files to different programs, or hides entries; it is refused.
     */
    private static void compareWithCentralDirectory(Path archive, List<ZipArchiveEntry> streamed) throws Refused {
        List<String> local = new ArrayList<>();
        for (ZipArchiveEntry e : streamed) {
            local.add(describe(e));
        }
        List<String> central = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
                central.add(describe(e));
            }
        } catch (IOException | RuntimeException e) {
            throw damaged(e);
        }
        Collections.sort(local);
        Collections.sort(central);
        if (local.size() != central.size()) {
            throw new Refused("is crafted or damaged: its central directory lists " + central.size()
                    + " entries, its data holds " + local.size());
        }
        for (int i = 0; i < local.size(); i++) {
            if (!local.get(i).equals(central.get(i))) {
                throw new Refused("is crafted or damaged: its central directory does not match the entry "
                        + local.get(i).substring(0, local.get(i).indexOf('\0')));
            }
        }
    }

    private static String describe(ZipArchiveEntry e) {
        return e.getName() + '\0' + e.getSize() + '\0' + Long.toHexString(e.getCrc());
    }

    /** A regular file: not a folder, nor a symbolic or hard link that could write through another path. */
    private static boolean isPlainFile(ArchiveEntry entry) {
        if (entry.isDirectory()) {
            return false;
        }
        if (entry instanceof TarArchiveEntry tar) {
            return tar.isFile() && !tar.isSymbolicLink() && !tar.isLink();
        }
        return !(entry instanceof ZipArchiveEntry zip) || !zip.isUnixSymlink();
    }

    /**
     * Where an entry named {@code name} goes below {@code root}, or empty when the name is absolute ("/x",
     * "C:x", "\\x") or leaves the root through "..".
     */
    static Optional<Path> inside(Path root, String name) {
        String slashed = name.replace('\\', '/');
        if (slashed.isEmpty() || slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        for (String part : slashed.split("/")) {
            if (part.equals("..")) {
                return Optional.empty();
            }
        }
        Path path = root.resolve(slashed).normalize();
        return path.startsWith(root) && !path.equals(root) ? Optional.of(path) : Optional.empty();
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    /** Counts the bytes read from the archive file: what the archive's expansion is measured against. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += Math.max(skipped, 0);
            return skipped;
        }
    }

    /**
     * Counts what the archive expands to, refusing it past {@link ArchiveLimits#maxExpansion} times the
     * archive bytes read so far, and the bytes read for one tar entry's headers, refusing past
     * {@link ArchiveLimits#maxHeaderBytes}. Streams it wraps report their bytes here.
     */
    private static final class Meter {
        private final CountingInputStream archive;
        private final ArchiveLimits limits;
        private long expanded;
        private long headerBytes = -1; // bytes read since the current entry's headers began; -1 between headers

        Meter(CountingInputStream archive, ArchiveLimits limits) {
            this.archive = archive;
            this.limits = limits;
        }

        void startHeader() {
            headerBytes = 0;
        }

        void endHeader() {
            headerBytes = -1;
        }

        void count(long n) throws Refused {
            if (n <= 0) {
                return;
            }
            expanded += n;
            if (expanded > limits.maxExpansion() * archive.count() + limits.expansionAllowance()) {
                throw new Refused(String.format(Locale.ROOT, "expands to more than %.0f times its size (%s from the "
                        + "first %s), as zip bombs do", limits.maxExpansion(), ArchiveLimits.size(expanded),
                        ArchiveLimits.size(archive.count())));
            }
            if (headerBytes >= 0 && (headerBytes += n) > limits.maxHeaderBytes()) {
                throw new Refused("is crafted or damaged: the headers of one of its entries (GNU long names or PAX "
                        + "records) take more than " + ArchiveLimits.size(limits.maxHeaderBytes()));
            }
        }

        /** {@code in}, with the bytes read from it counted here. */
        InputStream wrap(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b >= 0 ? 1 : 0);
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    count(n);
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    long skipped = super.skip(n);
                    count(skipped);
                    return skipped;
                }
            };
        }
    }
}
