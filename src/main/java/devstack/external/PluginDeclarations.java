package devstack.external;

import devstack.plugin.Location;
import devstack.plugin.PluginException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

/**
 * The {@code define_plugin} and {@code plugin_requires} calls of a plugin's {@code settings.groovy}, read from its
 * syntax tree without running it.
 *
 * <p>Why a static scan and not a pre-pass that runs {@code settings.groovy}: the order of the plugins must be known
 * before anything runs (a missing requirement or a cycle stops the run before the first phase), but a settings
 * file is written to run once, in the {@code source} phase, after the hooks: it reads what the hooks and
 * {@code lib/*} set, calls {@code enable_service}, appends to variables. Running it early would run it twice and
 * with the wrong variables, so its DevStack-visible behaviour would change. The two calls exist only to declare
 * facts, so we read them as declarations: their arguments must be string literals, and a call counts wherever it
 * is in the file (also inside an {@code if}). The helpers themselves do nothing when the file runs, as in DevStack.
 * The syntax tree rather than a line pattern, so that comments, strings and both call styles
 * ({@code plugin_requires 'b', 'a'} and {@code plugin_requires('b', 'a')}) are read correctly.
 */
public record PluginDeclarations(List<Declaration> defines, List<Declaration> requires) {
    /** A call: {@code define_plugin NAME} has no {@code other}; {@code plugin_requires NAME OTHER} has. */
    public record Declaration(String name, String other, Location location) {
    }

    public static final PluginDeclarations NONE = new PluginDeclarations(List.of(), List.of());

    /** Reads the declarations of {@code file}; {@code displayName} names it in errors. */
    public static PluginDeclarations scan(Path file, String displayName) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PluginException(displayName + ": cannot be read: " + e.getMessage(), "make the file readable");
        }
        CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
        SourceUnit source = unit.addSource(displayName, text);
        try {
            unit.compile(Phases.CONVERSION);
        } catch (CompilationFailedException e) {
            // The compiler reports syntax errors with file:line:column; the scan has nothing to add.
            return NONE;
        }
        List<Declaration> defines = new ArrayList<>();
        List<Declaration> requires = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        ModuleNode module = source.getAST();
        for (ClassNode type : module.getClasses()) {
            new ClassCodeVisitorSupport() {
                @Override
                protected SourceUnit getSourceUnit() {
                    return source;
                }

                @Override
                public void visitMethodCallExpression(MethodCallExpression call) {
                    super.visitMethodCallExpression(call);
                    String method = call.getMethodAsString();
                    if (!call.isImplicitThis() || method == null) {
                        return;
                    }
                    int arity = switch (method) {
                        case "define_plugin" -> 1;
                        case "plugin_requires" -> 2;
                        default -> 0;
                    };
                    if (arity == 0) {
                        return;
                    }
                    Location at = new Location(displayName, call.getLineNumber());
                    List<String> literals = literals(call.getArguments());
                    if (literals == null || literals.size() != arity) {
                        errors.add(at + ": " + method + " takes " + (arity == 1 ? "NAME" : "NAME, OTHER")
                                + " as string literals, e.g. " + (arity == 1 ? "define_plugin 'foo'"
                                : "plugin_requires 'foo', 'bar'"));
                        return;
                    }
                    (arity == 1 ? defines : requires).add(new Declaration(literals.get(0),
                            arity == 2 ? literals.get(1) : null, at));
                }
            }.visitClass(type);
        }
        if (!errors.isEmpty()) {
            throw new PluginException(String.join("\n", errors), "the plugin order is worked out before anything "
                    + "runs, so these calls are read without running the file: write the names literally");
        }
        return new PluginDeclarations(List.copyOf(defines), List.copyOf(requires));
    }

    /** The arguments as strings if every one is a string literal, else null. */
    private static List<String> literals(Expression arguments) {
        if (!(arguments instanceof ArgumentListExpression list)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (Expression argument : list.getExpressions()) {
            if (!(argument instanceof ConstantExpression constant) || !(constant.getValue() instanceof String value)) {
                return null;
            }
            values.add(value);
        }
        return values;
    }
}
