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
import java.util.function.Consumer;

/**
 * DevStack's ini helpers on files: each call reads the file (a missing file reads
 * as empty), applies one {@link IniFile} operation and, only if the lines changed,
 * writes the result back atomically with the file's mode kept ({@link AtomicFile}).
 * So {@code iniset} creates a missing file, and {@code inidelete} never does.
 *
 * <p>Rules, placement and formatting are those of {@link IniFile}. Every method
 * throws {@link IniException}, naming the file, when it cannot be read or written.
 */
public final class IniEditor {

    private IniEditor() {
    }

    /**
     * Sets an option, adding its section or the option where needed.
     * DevStack: {@code iniset [-sudo] config-file section option value}.
     */
    public static void iniset(Path file, String section, String option, String value) {
        edit(file, ini -> ini.iniset(section, option, value));
    }

    /**
     * Returns the trimmed value of the option's last occurrence, or "" if anything is missing.
     * DevStack: {@code iniget config-file section option}.
     */
    public static String iniget(Path file, String section, String option) {
        return read(file).iniget(section, option);
    }

    /**
     * Returns all values of the option in file order, joined with single spaces.
     * DevStack: {@code iniget_multiline config-file section option}.
     */
    public static String inigetMultiline(Path file, String section, String option) {
        return read(file).inigetMultiline(section, option);
    }

    /**
     * Tells whether the section has a line for the option; false for a missing file.
     * DevStack: {@code ini_has_option [-sudo] config-file section option}.
     */
    public static boolean iniHasOption(Path file, String section, String option) {
        return read(file).iniHasOption(section, option);
    }

    /**
     * Comments out every line of the option in the section.
     * DevStack: {@code inicomment [-sudo] config-file section option}.
     */
    public static void inicomment(Path file, String section, String option) {
        edit(file, ini -> ini.inicomment(section, option));
    }

    /**
     * Uncomments the {@code #}-commented lines of the option in the section.
     * DevStack: {@code iniuncomment [-sudo] config-file section option}.
     */
    public static void iniuncomment(Path file, String section, String option) {
        edit(file, ini -> ini.iniuncomment(section, option));
    }

    /**
     * Deletes every line of the option in the section; a missing file stays missing.
     * DevStack: {@code inidelete [-sudo] config-file section option}.
     */
    public static void inidelete(Path file, String section, String option) {
        edit(file, ini -> ini.inidelete(section, option));
    }

    /**
     * Makes the option a multi-line option with exactly these values, at the top of its section.
     * DevStack: {@code iniset_multiline [-sudo] config-file section option value1 value2 ...}.
     */
    public static void inisetMultiline(Path file, String section, String option, String... values) {
        List<String> list = Arrays.asList(values);
        edit(file, ini -> ini.inisetMultiline(section, option, list));
    }

    /**
     * Appends values to a multi-line option, keeping the existing ones first.
     * DevStack: {@code iniadd [-sudo] config-file section option value1 value2 ...}.
     */
    public static void iniadd(Path file, String section, String option, String... values) {
        List<String> list = Arrays.asList(values);
        edit(file, ini -> ini.iniadd(section, option, list));
    }

    /**
     * Adds one more {@code O = V} line under the section's header; nothing if the section is missing.
     * DevStack: {@code iniadd_literal [-sudo] config-file section option value}.
     */
    public static void iniaddLiteral(Path file, String section, String option, String value) {
        edit(file, ini -> ini.iniaddLiteral(section, option, value));
    }

    /**
     * Lists the file's section names in order, duplicates kept; empty for a missing file.
     * DevStack: {@code iniget_sections config-file}.
     */
    public static List<String> inigetSections(Path file) {
        return read(file).inigetSections();
    }

    /**
     * Reads a file as UTF-8 lines; a missing file is an empty one. Invalid UTF-8 is an
     * error rather than being replaced, since writing it back would corrupt the file.
     */
    public static IniFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new IniFile();
        } catch (IOException e) {
            throw new IniException("cannot read ini file " + file + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "; check that it is a readable regular file", e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return IniFile.parse(text);
        } catch (CharacterCodingException e) {
            throw new IniException("cannot read ini file " + file
                    + ": it is not UTF-8 text; convert it to UTF-8 first", e);
        }
    }

    /** Reads, applies, and writes back only when something changed, so no-ops leave the file alone. */
    /** Applies several operations to a file in one read and (if anything changed) one atomic write. */
    public static void edit(Path file, Consumer<IniFile> operation) {
        IniFile ini = read(file);
        List<String> before = List.copyOf(ini.lines());
        operation.accept(ini);
        if (!ini.lines().equals(before)) {
            AtomicFile.write(file, ini.render());
        }
    }
}
