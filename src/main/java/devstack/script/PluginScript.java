package devstack.script;

import devstack.config.TrueOrFalse;
import devstack.ini.IniEditor;
import devstack.plugin.Location;
import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The base class of every plugin script: DevStack's helper library, named as in DevStack and called the Groovy
 * way ({@code install_package 'cowsay'}, {@code iniset NOVA_CONF, 'DEFAULT', 'debug', 'True'}). A call to a
 * function that the script does not define itself is looked up among the functions other plugins defined.
 */
public abstract class PluginScript extends Script {

    private PluginRuntime runtime() {
        return ((ScriptBinding) getBinding()).runtime();
    }

    private ScriptContext context() {
        return ((ScriptBinding) getBinding()).context();
    }

    /**
     * Calls a function defined by another plugin (or library) when this script does not define it, as bash finds
     * any function defined so far; a name nobody defines is an error that says so.
     */
    @Override
    public Object invokeMethod(String name, Object args) {
        try {
            // Not Script.invokeMethod: its fallback reads the name as a variable, which would report a misspelt
            // function as a misspelt variable.
            return getMetaClass().invokeMethod(this, name, args);
        } catch (MissingMethodException e) {
            if (!name.equals(e.getMethod()) || e.getType() != getClass()) {
                throw e;
            }
            Object[] arguments = args instanceof Object[] array ? array : new Object[] {args};
            FunctionTable functions = runtime().functions();
            // The defining instance must be another one: our own function with other arguments is a plain error.
            if (functions.owner(name).filter(owner -> owner != this).isPresent()) {
                return functions.call(name, arguments);
            }
            // A global holding a closure is callable like a function, as in any Groovy script.
            if (getBinding().hasVariable(name) && getBinding().getVariable(name) instanceof Closure<?> closure) {
                return closure.call(arguments);
            }
            throw new UnknownFunctionException(name, arguments, functions.exists(name));
        }
    }

    /** Reads a variable; a name that is neither a setting, a global nor a local gets a message that says so. */
    @Override
    public Object getProperty(String property) {
        try {
            return super.getProperty(property);
        } catch (MissingPropertyException e) {
            if (property.equals(e.getProperty()) && (e.getType() == null || e.getType() == getClass())) {
                throw new UnknownVariableException(property);
            }
            throw e;
        }
    }

    // ---- console and control ----

    /** echo_summary: a line that says what the run is doing. Usage: {@code echo_summary "Installing Template"} */
    public void echo_summary(Object... message) {
        context().console().summary(join(message));
    }

    /** echo_nolog: a line for the console only, never the log. Usage: {@code echo_nolog "progress"} */
    public void echo_nolog(Object... message) {
        context().console().noLog(join(message));
    }

    /** warn: a warning naming the plugin file and line. Usage: {@code warn "disk almost full"} */
    public void warn(Object... message) {
        context().console().warn(where() + join(message));
    }

    /**
     * err: an error line naming the plugin file and line, also appended to {@code $LOGDIR/error.log}; the run goes
     * on. Usage: {@code err "could not reach the mirror"}
     */
    public void err(Object... message) {
        String line = where() + join(message);
        context().console().error(line);
        ErrorLog.append(context().settings().get("LOGDIR"), "[ERROR] " + line);
    }

    /** die: stops the run with a message; the report names this plugin's file and line. Usage: {@code die "bad"} */
    public void die(Object... message) {
        throw new PluginAbort(join(message));
    }

    /**
     * die_if_not_set: stops the run when the variable named {@code name} is unset or empty.
     * Usage: {@code die_if_not_set 'HOST_IP', 'HOST_IP must be set to this machine's address'}
     */
    public void die_if_not_set(String name, Object... message) {
        if (context().settings().get(name).isEmpty()) {
            throw new PluginAbort(message.length == 0 ? name + " is not set" : join(message));
        }
    }

    /**
     * deprecated: warns that something is deprecated, now and again at the end of stack.
     * Usage: {@code deprecated 'TEMPLATE_OLD is deprecated, use TEMPLATE_NEW'}
     */
    public void deprecated(Object... message) {
        context().console().deprecated(join(message));
    }

    /**
     * trueorfalse: normalises the setting named {@code name} to {@code True} or {@code False}; any other value gives
     * {@code defaultValue}. Usage: {@code if (trueorfalse('False', 'RECLONE') == 'True') { ... }}
     */
    public String trueorfalse(String defaultValue, String name) {
        if (name == null || name.isEmpty()) {
            throw new PluginAbort("trueorfalse: the name of a variable to normalize is required");
        }
        return TrueOrFalse.normalize(defaultValue, context().settings().get(name));
    }

    // ---- services ----

    /** is_service_enabled: true if any named service is enabled. Usage: {@code is_service_enabled('n-cpu', 'n-api')} */
    public boolean is_service_enabled(String... services) {
        return context().settings().services().isEnabled(services);
    }

    /** enable_service: adds services to ENABLED_SERVICES. Usage: {@code enable_service 'template'} */
    public void enable_service(String... services) {
        context().settings().services().enable(services);
    }

    /** disable_service: removes services and keeps them off. Usage: {@code disable_service 'n-novnc'} */
    public void disable_service(String... services) {
        context().settings().services().disable(services);
    }

    /** disable_all_services: empties ENABLED_SERVICES. Usage: {@code disable_all_services()} */
    public void disable_all_services() {
        context().settings().services().disableAll();
    }

    /** is_plugin_enabled: true if {@code enable_plugin name ...} was given. Usage: {@code is_plugin_enabled 'foo'} */
    public boolean is_plugin_enabled(String name) {
        return context().settings().plugins().stream().anyMatch(p -> p.name().equals(name));
    }

    // ---- plugins and commands ----

    /** source: runs a library so that its functions become callable. Usage: {@code source "$TOP_DIR/lib/template"} */
    public void source(String path) {
        runtime().source(path);
    }

    /** sh: runs a shell command, logs its output, returns its stdout, fails the run on a non-zero exit. */
    public String sh(String command) {
        return context().commands().sh(command);
    }

    /** sudo: {@link #sh} as root (through sudo unless the run already is root). Usage: {@code sudo 'mkdir -p /x'} */
    public String sudo(String command) {
        return context().commands().checked(context().privilege().asRoot(List.of("/bin/sh", "-c", command)));
    }

    // ---- packages ----

    /** install_package: installs packages not installed yet. Usage: {@code install_package 'cowsay', 'jq'} */
    public void install_package(String... packages) {
        context().packages().install(Arrays.asList(packages));
    }

    /** uninstall_package: removes installed packages. Usage: {@code uninstall_package 'cowsay'} */
    public void uninstall_package(String... packages) {
        context().packages().uninstall(Arrays.asList(packages));
    }

    /** is_package_installed: true if every named package is installed. Usage: {@code is_package_installed 'jq'} */
    public boolean is_package_installed(String... packages) {
        return context().packages().isInstalled(Arrays.asList(packages));
    }

    /** is_ubuntu: true on a deb-based distribution (Debian, Ubuntu). */
    public boolean is_ubuntu() {
        return context().os().isUbuntu();
    }

    /** is_fedora: true on the Fedora / Red Hat family. */
    public boolean is_fedora() {
        return context().os().isFedora();
    }

    // ---- ini files; each accepts a leading '-sudo' as DevStack's do ----

    /** iniset: sets an option. Usage: {@code iniset NOVA_CONF, 'DEFAULT', 'compute_driver', 'fake.FakeDriver'} */
    public void iniset(Object... args) {
        IniArgs a = IniArgs.of("iniset", args, 4, 4);
        iniEdit(a, file -> IniEditor.iniset(file, a.text(1), a.text(2), a.text(3)));
    }

    /** iniget: the value of an option, '' when missing. Usage: {@code iniget NOVA_CONF, 'DEFAULT', 'debug'} */
    public String iniget(Object... args) {
        IniArgs a = IniArgs.of("iniget", args, 3, 3);
        return IniEditor.iniget(a.file(), a.text(1), a.text(2));
    }

    /** iniget_multiline: every value of a multi-line option, blank-separated. */
    public String iniget_multiline(Object... args) {
        IniArgs a = IniArgs.of("iniget_multiline", args, 3, 3);
        return IniEditor.inigetMultiline(a.file(), a.text(1), a.text(2));
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
        return IniEditor.inigetSections(a.file());
    }

    // ---- support ----

    private String where() {
        return runtime().caller().map(Location::toString).map(l -> l + " ").orElse("");
    }

    private static String join(Object... parts) {
        return Arrays.stream(parts).map(String::valueOf).collect(Collectors.joining(" "));
    }

    /**
     * Runs an ini edit; with {@code -sudo} and a file the run may not write, on a copy put in place through sudo.
     */
    private <T> T ini(IniArgs a, java.util.function.Function<Path, T> edit) {
        PrivilegedEdit privileged = new PrivilegedEdit(context().commands(), context().privilege());
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
