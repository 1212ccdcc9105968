package devstack.plugin;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compiled plugins kept between runs, so that an unchanged plugin is never compiled twice. An entry is found by a
 * key computed from everything that decides the class files (the compiler's fingerprint, the class name, the
 * plugin's text), so a changed plugin, compiler or helper API simply finds no entry.
 *
 * <p>The program runs as root, so an entry is only ever read from a directory that no other user can write to
 * (see {@link CacheDirectory}); otherwise the cache is not used. An entry holds its own key and a SHA-256 of its
 * content: one that does not match (cut short, damaged, or copied from another key) is ignored and compiled
 * again. Entries are written to a temporary file and renamed into place, so a run never sees half an entry, and
 * two runs writing the same entry both write a whole one.
 *
 * <p>Where: {@code $DEVSTACK_CACHE_DIR/classes} if that is set ({@code off} switches the cache off), else
 * {@code $XDG_CACHE_HOME/devstack/classes}, else {@code ~/.cache/devstack/classes}.
 */
public final class ClassCache {
    /** The entry format: part of every key, so a new format never reads an old entry. */
    static final String FORMAT = "1";
    public static final String ENVIRONMENT = "DEVSTACK_CACHE_DIR";
    private static final int MAGIC = 0x44534343;
    private static final int MAX_CLASSES = 10_000;

    private final Path directory;
    private final int uid;
    private final Consumer<String> note;
    private boolean writeFailed;

    private ClassCache(Path directory, int uid, Consumer<String> note) {
        this.directory = directory;
        this.uid = uid;
        this.note = note;
    }

    /** No cache: every plugin is compiled. */
    public static ClassCache disabled() {
        return new ClassCache(null, -1, message -> { });
    }

    /**
     * The cache of the user this program runs as, found from {@code environment}; {@code note} gets one line when
     * the cache cannot be used (and why), or an entry was ignored.
     */
    public static ClassCache forUser(Map<String, String> environment, Consumer<String> note) {
        Optional<Path> root;
        try {
            root = root(environment);
        } catch (IllegalArgumentException e) {
            note.accept("class cache not used: " + e.getMessage());
            return disabled();
        }
        return root.map(r -> in(r.resolve("classes"), note)).orElseGet(ClassCache::disabled);
    }

    /** A cache in {@code directory}, created if missing, used only if it is safe. */
    static ClassCache in(Path directory, Consumer<String> note) {
        int uid = CacheDirectory.currentUid();
        try {
            Optional<String> problem = Optional.empty();
            if (!Files.exists(directory)) {
                // Nothing is created under a directory that is not safe (another user's home, kept through sudo).
                Path existing = directory.toAbsolutePath().getParent();
                while (!Files.exists(existing) && existing.getParent() != null) {
                    existing = existing.getParent();
                }
                problem = CacheDirectory.aboveProblem(existing, uid);
                if (problem.isEmpty()) {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                }
            }
            if (problem.isEmpty()) {
                problem = CacheDirectory.problem(directory, uid);
            }
            if (problem.isPresent()) {
                note.accept("class cache not used: " + problem.get() + " (hint: use a directory only you can "
                        + "write, e.g. " + ENVIRONMENT + "=$HOME/.cache/devstack)");
                return disabled();
            }
            return new ClassCache(directory.toRealPath(), uid, note);
        } catch (IOException | UnsupportedOperationException e) {
            note.accept("class cache not used: " + directory + ": " + e);
            return disabled();
        }
    }

    /**
     * The cache's root directory for {@code environment} (empty when switched off); {@code jvm/} beside
     * {@code classes/} holds the launcher's class-data archive.
     */
    public static Optional<Path> root(Map<String, String> environment) {
        String setting = environment.get(ENVIRONMENT);
        if (setting != null && !setting.isEmpty()) {
            if (setting.equals("off")) {
                return Optional.empty();
            }
            Path path = Path.of(setting);
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException(ENVIRONMENT + "=" + setting + " is neither an absolute path nor off");
            }
            return Optional.of(path);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "devstack"));
        }
        String home = environment.get("HOME");
        Path base = home != null && Path.of(home).isAbsolute() ? Path.of(home) : Path.of(System.getProperty("user.home"));
        return Optional.of(base.resolve(".cache").resolve("devstack"));
    }

    public boolean isEnabled() {
        return directory != null;
    }

    /**
     * A digest of the class files of {@code types}, for the key of data that other code derives from a plugin's
     * text: a new version of that code finds no old entry.
     */
    public static String codeVersion(Class<?>... types) {
        StringBuilder digests = new StringBuilder();
        for (Class<?> type : types) {
            digests.append(type.getName()).append(' ').append(CompilerFingerprint.classFile(type)).append('\n');
        }
        return CompilerFingerprint.digest(digests.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The key of a plugin's classes: the compiler's fingerprint, the name it is compiled under, its text. */
    static byte[] key(String fingerprint, String fileName, String text) {
        MessageDigest digest = CompilerFingerprint.sha256();
        for (String part : new String[] {fingerprint, fileName, text}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
        return digest.digest();
    }

    /** The entry of {@code key}, if there is a sound one. */
    Optional<CompiledClasses> load(byte[] key) {
        return loadData(key).flatMap(body -> {
            try {
                return Optional.of(decodeClasses(body));
            } catch (IOException | RuntimeException e) {
                note.accept("class cache: ignored " + entry(key) + ": " + e.getMessage() + "; compiled again");
                return Optional.empty();
            }
        });
    }

    /** Keeps {@code classes} under {@code key}; a cache that cannot be written only costs the next run time. */
    void publish(byte[] key, CompiledClasses classes) {
        publishData(key, encodeClasses(classes));
    }

    /**
     * The content kept under {@code key} (classes, or what a check read from a plugin), if there is a sound entry:
     * one of this user's, whole, holding this key and matching its checksum.
     */
    Optional<byte[]> loadData(byte[] key) {
        if (directory == null) {
            return Optional.empty();
        }
        Path file = entry(key);
        byte[] data;
        try {
            if (!CacheDirectory.isOwnFile(file, uid)) {
                note.accept("class cache: ignored " + file + ": not a file of this user's, writable only by them; "
                        + "compiled again");
                return Optional.empty();
            }
            data = read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            note.accept("class cache: cannot read " + file + ": " + e.getMessage() + "; compiled again");
            return Optional.empty();
        }
        try {
            return Optional.of(unwrap(key, data));
        } catch (IOException | RuntimeException e) {
            note.accept("class cache: ignored " + file + ": " + e.getMessage() + "; compiled again");
            return Optional.empty();
        }
    }

    /** Keeps {@code content} under {@code key}, atomically; a cache that cannot be written only costs time. */
    void publishData(byte[] key, byte[] content) {
        if (directory == null) {
            return;
        }
        Path file = entry(key);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
            Files.write(temporary, wrap(key, content));
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!writeFailed) {
                writeFailed = true;
                note.accept("class cache: cannot write to " + directory + ": " + e.getMessage());
            }
            try {
                if (temporary != null) {
                    Files.deleteIfExists(temporary);
                }
            } catch (IOException ignored) {
                // Nothing more to do: a stray temporary file is never read.
            }
        }
    }

    Path entry(byte[] key) {
        return directory.resolve(HexFormat.of().formatHex(key) + ".classes");
    }

    /** Reads the file without following a symbolic link in its place. */
    private static byte[] read(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("too large");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read on
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** An entry of classes: {@link #wrap} around {@link #encodeClasses}. */
    static byte[] encode(byte[] key, CompiledClasses classes) {
        return wrap(key, encodeClasses(classes));
    }

    static CompiledClasses decode(byte[] key, byte[] data) throws IOException {
        return decodeClasses(unwrap(key, data));
    }

    /** The content of an entry of classes: their number, then each class's name, length and bytes, script first. */
    private static byte[] encodeClasses(CompiledClasses classes) {
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(content);
            out.writeInt(classes.files().size());
            out.writeUTF(classes.mainClass());
            out.writeInt(classes.files().get(classes.mainClass()).length);
            out.write(classes.files().get(classes.mainClass()));
            for (Map.Entry<String, byte[]> file : classes.files().entrySet()) {
                if (!file.getKey().equals(classes.mainClass())) {
                    out.writeUTF(file.getKey());
                    out.writeInt(file.getValue().length);
                    out.write(file.getValue());
                }
            }
            out.flush();
            return content.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry: magic, format, the key, the SHA-256 of the content, the content's length, then the content. */
    private static byte[] wrap(byte[] key, byte[] body) {
        try {
            ByteArrayOutputStream entry = new ByteArrayOutputStream(body.length + 80);
            DataOutputStream header = new DataOutputStream(entry);
            header.writeInt(MAGIC);
            header.writeUTF(FORMAT);
            header.write(key);
            header.write(CompilerFingerprint.sha256().digest(body));
            header.writeInt(body.length);
            header.write(body);
            header.flush();
            return entry.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unwrap(byte[] key, byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data));
        if (data.length < 4 || in.readInt() != MAGIC || !in.readUTF().equals(FORMAT)) {
            throw new IOException("not an entry of this format");
        }
        byte[] storedKey = in.readNBytes(key.length);
        if (!MessageDigest.isEqual(storedKey, key)) {
            throw new IOException("it belongs to another key");
        }
        byte[] storedHash = in.readNBytes(32);
        int length = in.readInt();
        byte[] body = in.readNBytes(length);
        if (length < 0 || body.length != length || in.available() != 0) {
            throw new IOException("its length does not match");
        }
        if (!MessageDigest.isEqual(storedHash, CompilerFingerprint.sha256().digest(body))) {
            throw new IOException("its content does not match its checksum");
        }
        return body;
    }

    private static CompiledClasses decodeClasses(byte[] body) throws IOException {
        DataInputStream content = new DataInputStream(new java.io.ByteArrayInputStream(body));
        int count = content.readInt();
        if (count < 1 || count > MAX_CLASSES) {
            throw new IOException("it holds " + count + " classes");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        String main = null;
        for (int i = 0; i < count; i++) {
            String name = content.readUTF();
            int size = content.readInt();
            byte[] bytes = content.readNBytes(size);
            if (size < 0 || bytes.length != size) {
                throw new IOException("a class file is cut short");
            }
            files.put(name, bytes);
            main = main == null ? name : main;
        }
        return new CompiledClasses(main, files);
    }
}
