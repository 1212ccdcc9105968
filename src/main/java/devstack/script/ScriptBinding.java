package devstack.script;

import devstack.config.Variables;
import groovy.lang.Binding;
import groovy.lang.MissingPropertyException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variable space every plugin script shares, like the shell that runs {@code stack.sh}: settings and globals
 * live in {@link Variables}; {@code $1} and {@code $2} are the arguments of the current call. An unset upper-case
 * name (or proxy setting, {@code http_proxy}) reads as the empty string, as in bash; any other unknown name is an
 * error, so that a misspelt local is caught.
 */
public final class ScriptBinding extends Binding {
    private final Variables variables;
    private final PluginRuntime runtime;
    private final Helpers helpers;
    private String first = "";
    private String second = "";
    /**
     * Where {@code print} and {@code println} write: one writer for the whole run, because Groovy's Script looks
     * {@code out} up at each call, and a writer per call would lose {@code print}'s text that no newline ended.
     */
    private LineWriter output;
    private PrintWriter out;

    ScriptBinding(Variables variables, PluginRuntime runtime) {
        this.variables = variables;
        this.runtime = runtime;
        this.helpers = new Helpers(runtime.context(), runtime);
    }

    Helpers helpers() {
        return helpers;
    }

    PluginRuntime runtime() {
        return runtime;
    }

    ScriptContext context() {
        return runtime.context();
    }

    /** Sets {@code $1} and {@code $2} for the duration of {@code body}, restoring the caller's afterwards. */
    void withArguments(String first, String second, Runnable body) {
        String savedFirst = this.first;
        String savedSecond = this.second;
        this.first = first;
        this.second = second;
        try {
            body.run();
        } finally {
            this.first = savedFirst;
            this.second = savedSecond;
        }
    }

    @Override
    public Object getVariable(String name) {
        switch (name) {
            case "$1":
                return first;
            case "$2":
                return second;
            case "out":
                if (!variables.isSet(name)) {
                    // println in a plugin is bash's echo: it goes to the log, and to the console when verbose.
                    return out();
                }
                break;
            default:
                break;
        }
        if (variables.isSet(name)) {
            return variables.get(name);
        }
        if (Variables.isSettingName(name)) {
            return "";
        }
        throw new MissingPropertyException(name, ScriptBinding.class);
    }

    private PrintWriter out() {
        if (out == null) {
            output = new LineWriter(runtime.context().console()::detail);
            out = new PrintWriter(output, true);
        }
        return out;
    }

    /** Emits text that {@code print} left without a newline, at the end of a plugin call, so it is not lost. */
    void flushOutput() {
        if (output != null) {
            output.close();
        }
    }

    @Override
    public void setVariable(String name, Object value) {
        variables.set(name, value);
    }

    @Override
    public void removeVariable(String name) {
        variables.unset(name);
    }

    @Override
    public boolean hasVariable(String name) {
        return name.equals("$1") || name.equals("$2") || variables.isSet(name);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Map getVariables() {
        Map copy = new LinkedHashMap(variables.asMap());
        copy.put("$1", first);
        copy.put("$2", second);
        return copy;
    }

    /** Collects characters into lines for a line consumer. */
    private static final class LineWriter extends Writer {
        private final java.util.function.Consumer<String> lines;
        private final StringBuilder pending = new StringBuilder();

        LineWriter(java.util.function.Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (buffer[i] == '\n') {
                    lines.accept(pending.toString());
                    pending.setLength(0);
                } else {
                    pending.append(buffer[i]);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            if (pending.length() > 0) {
                lines.accept(pending.toString());
                pending.setLength(0);
            }
        }
    }
}
