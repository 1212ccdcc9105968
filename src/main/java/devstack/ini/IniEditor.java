package devstack.ini;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * DevStack's ini helpers on files: each call reads the file (a missing file reads
 * as empty), applies one {@link IniFile} operation and, only if the lines changed,
 * writes the result back through its {@link Storage}: the machine's files for a run
 * (atomic, mode kept), or {@link #FILES} directly. So {@code iniset} creates a missing
 * file, and {@code inidelete} never does.
 *
 * <p>Rules, placement and formatting are those of {@link IniFile}. Every method
 * throws {@link IniException}, naming the file, when it cannot be read or written.
 */
public final class IniEditor {
    /** Where the files are read and written. */
    public interface Storage {
        /** The file's bytes, or empty when it does not exist. */
        Optional<byte[]> read(Path file);

        /** Replaces the file's content atomically, keeping its mode. */
        void write(Path file, byte[] content);
    }

    /** The files themselves, written with {@link AtomicFile}. */
    public static final Storage FILES = new Storage() {
        @Override
        public Optional<byte[]> read(Path file) {
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new IniException("cannot read ini file " + file + ": " + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + "; check that it is a readable regular file", e);
            }
        }

        @Override
        public void write(Path file, byte[] content) {
            AtomicFile.write(file, content);
        }
    };

    private final Storage storage;

    private IniEditor(Storage storage) {
        this.storage = storage;
    }

    /** The ini helpers over {@code storage}. */
    public static IniEditor on(Storage storage) {
        return new IniEditor(storage);
    }

    /**
     * Sets an option, adding its section or the option where needed.
     * DevStack: {@code iniset [-sudo] config-file section option value}.
     */
    public void iniset(Path file, String section, String option, String value) {
        edit(file, ini -> ini.iniset(section, option, value));
    }

    /**
     * Returns the trimmed value of the option's last occurrence, or "" if anything is missing.
     * DevStack: {@code iniget config-file section option}.
     */
    public String iniget(Path file, String section, String option) {
        return read(file).iniget(section, option);
    }

    /**
     * Returns all values of the option in file order, joined with single spaces.
     * DevStack: {@code iniget_multiline config-file section option}.
     */
    public String inigetMultiline(Path file, String section, String option) {
        return read(file).inigetMultiline(section, option);
    }

    /**
     * Tells whether the section has a line for the option; false for a missing file.
     * DevStack: {@code ini_has_option [-sudo] config-file section option}.
     */
    public boolean iniHasOption(Path file, String section, String option) {
        return read(file).iniHasOption(section, option);
    }

    /**
     * Comments out every line of the option in the section.
     * DevStack: {@code inicomment [-sudo] config-file section option}.
     */
    public void inicomment(Path file, String section, String option) {
        edit(file, ini -> ini.inicomment(section, option));
    }

    /**
     * Uncomments the {@code #}-commented lines of the option in the section.
     * DevStack: {@code iniuncomment [-sudo] config-file section option}.
     */
    public void iniuncomment(Path file, String section, String option) {
        edit(file, ini -> ini.iniuncomment(section, option));
    }

    /**
     * Deletes every line of the option in the section; a missing file stays missing.
     * DevStack: {@code inidelete [-sudo] config-file section option}.
     */
    public void inidelete(Path file, String section, String option) {
        edit(file, ini -> ini.inidelete(section, option));
    }

    /**
     * Makes the option a multi-line option with exactly these values, at the top of its section.
     * DevStack: {@code iniset_multiline [-sudo] config-file section option value1 value2 ...}.
     */
    public void inisetMultiline(Path file, String section, String option, String... values) {
        List<String> list = Arrays.asList(values);
        edit(file, ini -> ini.inisetMultiline(section, option, list));
    }

    /**
     * Appends values to a multi-line option, keeping the existing ones first.
     * DevStack: {@code iniadd [-sudo] config-file section option value1 value2 ...}.
     */
    public void iniadd(Path file, String section, String option, String... values) {
        List<String> list = Arrays.asList(values);
        edit(file, ini -> ini.iniadd(section, option, list));
    }

    /**
     * Adds one more {@code O = V} line under the section's header; nothing if the section is missing.
     * DevStack: {@code iniadd_literal [-sudo] config-file section option value}.
     */
    public void iniaddLiteral(Path file, String section, String option, String value) {
        edit(file, ini -> ini.iniaddLiteral(section, option, value));
    }

    /**
     * Lists the file's section names in order, duplicates kept; empty for a missing file.
     * DevStack: {@code iniget_sections config-file}.
     */
    public List<String> inigetSections(Path file) {
        return read(file).inigetSections();
    }

    /**
     * Reads a file as UTF-8 lines; a missing file is an empty one. Invalid UTF-8 is an
     * error rather than being replaced, since writing it back would corrupt the file.
     */
    public IniFile read(Path file) {
        return parse(file, storage.read(file));
    }

    private static IniFile parse(Path file, Optional<byte[]> bytes) {
        if (bytes.isEmpty()) {
            return new IniFile();
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.get()))
                    .toString();
            return IniFile.parse(text);
        } catch (CharacterCodingException e) {
            throw new IniException("cannot read ini file " + file
                    + ": it is not UTF-8 text; convert it to UTF-8 first", e);
        }
    }

    /**
     * Applies several operations to a file in one read and (only if anything changed, so that no-ops leave the
     * file alone) one write. {@code create} writes a missing file even when nothing changed.
     */
    public void edit(Path file, boolean create, Consumer<IniFile> operation) {
        Optional<byte[]> bytes = storage.read(file);
        IniFile ini = parse(file, bytes);
        List<String> before = List.copyOf(ini.lines());
        operation.accept(ini);
        if (!ini.lines().equals(before) || create && bytes.isEmpty()) {
            storage.write(file, ini.render().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void edit(Path file, Consumer<IniFile> operation) {
        edit(file, false, operation);
    }
}
