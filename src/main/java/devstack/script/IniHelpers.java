package devstack.script;

import devstack.ini.IniEditor;
import devstack.system.DryRun;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The ini helpers; each accepts a leading '-sudo' as DevStack's do. */
public abstract class IniHelpers extends PackageHelpers {
    /** iniset: sets an option. Usage: {@code iniset NOVA_CONF, 'DEFAULT', 'compute_driver', 'fake.FakeDriver'} */
    public void iniset(Object... args) {
        IniArgs a = IniArgs.of("iniset", args, 4, 4);
        iniEdit(a, file -> IniEditor.iniset(file, a.text(1), a.text(2), a.text(3)));
    }

    /** iniget: the value of an option, '' when missing. Usage: {@code iniget NOVA_CONF, 'DEFAULT', 'debug'} */
    public String iniget(Object... args) {
        IniArgs a = IniArgs.of("iniget", args, 3, 3);
        return ini(a, file -> IniEditor.iniget(file, a.text(1), a.text(2)));
    }

    /** iniget_multiline: every value of a multi-line option, blank-separated. */
    public String iniget_multiline(Object... args) {
        IniArgs a = IniArgs.of("iniget_multiline", args, 3, 3);
        return ini(a, file -> IniEditor.inigetMultiline(file, a.text(1), a.text(2)));
    }

    /** ini_has_option: true if the option is set in the section (an empty value counts). */
    public boolean ini_has_option(Object... args) {
        IniArgs a = IniArgs.of("ini_has_option", args, 3, 3);
        return ini(a, file -> IniEditor.iniHasOption(file, a.text(1), a.text(2)));
    }

    /** inicomment: comments out an option. Usage: {@code inicomment file, 'DEFAULT', 'debug'} */
    public void inicomment(Object... args) {
        IniArgs a = IniArgs.of("inicomment", args, 3, 3);
        iniEdit(a, file -> IniEditor.inicomment(file, a.text(1), a.text(2)));
    }

    /** iniuncomment: restores a commented-out option. Usage: {@code iniuncomment file, 'DEFAULT', 'debug'} */
    public void iniuncomment(Object... args) {
        IniArgs a = IniArgs.of("iniuncomment", args, 3, 3);
        iniEdit(a, file -> IniEditor.iniuncomment(file, a.text(1), a.text(2)));
    }

    /** inidelete: removes an option. Usage: {@code inidelete file, 'DEFAULT', 'debug'} */
    public void inidelete(Object... args) {
        IniArgs a = IniArgs.of("inidelete", args, 3, 3);
        iniEdit(a, file -> IniEditor.inidelete(file, a.text(1), a.text(2)));
    }

    /** iniset_multiline: sets a multi-line option. Usage: {@code iniset_multiline file, 'S', 'opt', 'a', 'b'} */
    public void iniset_multiline(Object... args) {
        IniArgs a = IniArgs.of("iniset_multiline", args, 3, Integer.MAX_VALUE);
        iniEdit(a, file -> IniEditor.inisetMultiline(file, a.text(1), a.text(2), a.rest(3)));
    }

    /** iniadd: adds values to a multi-line option. Usage: {@code iniadd file, 'S', 'opt', 'c'} */
    public void iniadd(Object... args) {
        IniArgs a = IniArgs.of("iniadd", args, 3, Integer.MAX_VALUE);
        iniEdit(a, file -> IniEditor.iniadd(file, a.text(1), a.text(2), a.rest(3)));
    }

    /** iniadd_literal: adds one more line for an option at the top of an existing section. */
    public void iniadd_literal(Object... args) {
        IniArgs a = IniArgs.of("iniadd_literal", args, 4, 4);
        iniEdit(a, file -> IniEditor.iniaddLiteral(file, a.text(1), a.text(2), a.text(3)));
    }

    /** iniget_sections: the section names of a file, in order. Usage: {@code iniget_sections NOVA_CONF} */
    public List<String> iniget_sections(Object... args) {
        IniArgs a = IniArgs.of("iniget_sections", args, 1, 1);
        return ini(a, file -> IniEditor.inigetSections(file));
    }

    /**
     * Runs an ini edit: in a dry run on a scratch copy whose change is printed; with {@code -sudo} and a file the
     * run may not write, on a copy put in place through sudo; otherwise on the file itself.
     */
    private <T> T ini(IniArgs a, java.util.function.Function<Path, T> edit) {
        DryRun dryRun = hostContext().commands().dryRun();
        if (dryRun != null) {
            return dryRun.edit(a.file(), edit);
        }
        PrivilegedEdit privileged = new PrivilegedEdit(hostContext().commands(), hostContext().privilege());
        return a.sudo() && privileged.needed(a.file()) ? privileged.apply(a.file(), edit) : edit.apply(a.file());
    }

    private void iniEdit(IniArgs a, java.util.function.Consumer<Path> edit) {
        ini(a, file -> {
            edit.accept(file);
            return null;
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
