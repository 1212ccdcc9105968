package devstack.script;

import devstack.ini.IniEditor;
import devstack.system.Machine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The ini helpers of {@link PluginScript}: see there for what each does. */
final class IniHelpers extends HelperGroup {
    IniHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public void iniset(Object... args) {
        IniArgs a = IniArgs.of("iniset", args, 4, 4);
        ini(a).iniset(a.file(), a.text(1), a.text(2), a.text(3));
    }

    public String iniget(Object... args) {
        IniArgs a = IniArgs.of("iniget", args, 3, 3);
        return ini(a).iniget(a.file(), a.text(1), a.text(2));
    }

    public String iniget_multiline(Object... args) {
        IniArgs a = IniArgs.of("iniget_multiline", args, 3, 3);
        return ini(a).inigetMultiline(a.file(), a.text(1), a.text(2));
    }

    public boolean ini_has_option(Object... args) {
        IniArgs a = IniArgs.of("ini_has_option", args, 3, 3);
        return ini(a).iniHasOption(a.file(), a.text(1), a.text(2));
    }

    public void inicomment(Object... args) {
        IniArgs a = IniArgs.of("inicomment", args, 3, 3);
        ini(a).inicomment(a.file(), a.text(1), a.text(2));
    }

    public void iniuncomment(Object... args) {
        IniArgs a = IniArgs.of("iniuncomment", args, 3, 3);
        ini(a).iniuncomment(a.file(), a.text(1), a.text(2));
    }

    public void inidelete(Object... args) {
        IniArgs a = IniArgs.of("inidelete", args, 3, 3);
        ini(a).inidelete(a.file(), a.text(1), a.text(2));
    }

    public void iniset_multiline(Object... args) {
        IniArgs a = IniArgs.of("iniset_multiline", args, 3, Integer.MAX_VALUE);
        ini(a).inisetMultiline(a.file(), a.text(1), a.text(2), a.rest(3));
    }

    public void iniadd(Object... args) {
        IniArgs a = IniArgs.of("iniadd", args, 3, Integer.MAX_VALUE);
        ini(a).iniadd(a.file(), a.text(1), a.text(2), a.rest(3));
    }

    public void iniadd_literal(Object... args) {
        IniArgs a = IniArgs.of("iniadd_literal", args, 4, 4);
        ini(a).iniaddLiteral(a.file(), a.text(1), a.text(2), a.text(3));
    }

    public List<String> iniget_sections(Object... args) {
        IniArgs a = IniArgs.of("iniget_sections", args, 1, 1);
        return ini(a).inigetSections(a.file());
    }

    /**
     * The ini helpers over the machine's files; with {@code -sudo}, reads and writes go through sudo where the run
     * may not make them itself.
     */
    private IniEditor ini(IniArgs a) {
        Machine.Files files = machine().files();
        return IniEditor.on(new IniEditor.Storage() {
            @Override
            public Optional<byte[]> read(Path file) {
                return files.read(file, a.sudo());
            }

            @Override
            public void write(Path file, byte[] content) {
                files.write(file, content, OptionalInt.empty(), a.sudo());
            }
        });
    }

    /** The arguments of an ini helper: an optional '-sudo', the file, then names and values. */
    private record IniArgs(boolean sudo, Path file, Object[] args) {
        static IniArgs of(String helper, Object[] args, int min, int max) {
            int offset = args.length > 0 && "-sudo".equals(String.valueOf(args[0])) ? 1 : 0;
            int count = args.length - offset;
            if (count < min || count > max) {
                throw new IllegalArgumentException(helper + " takes " + (min == max ? min : "at least " + min)
                        + " arguments (file, section, option" + (min > 3 ? ", value" : "") + "), got " + count);
            }
            Object[] rest = Arrays.copyOfRange(args, offset, args.length);
            return new IniArgs(offset == 1, Path.of(String.valueOf(rest[0])), rest);
        }

        String text(int index) {
            return args[index] == null ? "" : args[index].toString();
        }

        String[] rest(int from) {
            return Arrays.stream(args, from, args.length).map(v -> v == null ? "" : v.toString())
                    .toArray(String[]::new);
        }
    }
}
