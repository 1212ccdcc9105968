package devstack.plugin;

import java.util.Set;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Refuses, at compile time, the calls that would end the whole program: {@code System.exit(n)},
 * {@code Runtime.getRuntime().exit(n)} / {@code .halt(n)} (also as {@code Runtime.runtime}), a statically imported
 * {@code exit(n)}, and method pointers to them. A plugin that ended the JVM would stop the run half-way with the
 * plugin's exit code (0 included) and no report. Calls the compiler cannot see (through a variable holding the
 * class, or {@code evaluate}) are refused when they run, by {@link ProgramExitGuard}.
 */
final class ProgramExitCheck extends CompilationCustomizer {
    private static final Set<String> EXITS = Set.of("exit", "halt");

    ProgramExitCheck() {
        // After semantic analysis, where `System` and `Runtime` have become class expressions.
        super(CompilePhase.CANONICALIZATION);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                // A name built at run time ("$name"()) has no name here: it is not an exit the compiler can see.
                String name = call.getMethodAsString();
                if (name != null && EXITS.contains(name) && endsProgram(call.getObjectExpression())) {
                    refuse(source, call, typeName(call.getObjectExpression()) + "." + call.getMethodAsString());
                }
                super.visitMethodCallExpression(call);
            }

            @Override
            public void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
                if (EXITS.contains(call.getMethod()) && isSystemOrRuntime(call.getOwnerType())) {
                    refuse(source, call, call.getOwnerType().getNameWithoutPackage() + "." + call.getMethod());
                }
                super.visitStaticMethodCallExpression(call);
            }

            @Override
            public void visitMethodPointerExpression(MethodPointerExpression pointer) {
                if (pointer.getMethodName() instanceof ConstantExpression name
                        && EXITS.contains(String.valueOf(name.getValue())) && endsProgram(pointer.getExpression())) {
                    refuse(source, pointer, typeName(pointer.getExpression()) + "." + name.getValue());
                }
                super.visitMethodPointerExpression(pointer);
            }
        }.visitClass(classNode);
    }

    /** {@code System}, {@code Runtime}, {@code Runtime.getRuntime()} or {@code Runtime.runtime}. */
    private static boolean endsProgram(Expression receiver) {
        if (receiver instanceof ClassExpression type) {
            return isSystemOrRuntime(type.getType());
        }
        if (receiver instanceof MethodCallExpression call) {
            return "getRuntime".equals(call.getMethodAsString()) && isRuntime(call.getObjectExpression());
        }
        if (receiver instanceof PropertyExpression property) {
            return "runtime".equals(property.getPropertyAsString()) && isRuntime(property.getObjectExpression());
        }
        return false;
    }

    private static boolean isRuntime(Expression expression) {
        return expression instanceof ClassExpression type && type.getType().getName().equals("java.lang.Runtime");
    }

    private static boolean isSystemOrRuntime(ClassNode type) {
        return type.getName().equals("java.lang.System") || type.getName().equals("java.lang.Runtime");
    }

    private static String typeName(Expression receiver) {
        return receiver instanceof ClassExpression type && type.getType().getName().equals("java.lang.System")
                ? "System" : "Runtime";
    }

    private static void refuse(SourceUnit source, ASTNode node, String call) {
        String message = call + "() would end the whole program in the middle of the run: a plugin cannot end "
                + "it; call die 'message' to stop the run with an error";
        source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(
                new SyntaxException(message, node.getLineNumber(), node.getColumnNumber()), source));
    }
}
