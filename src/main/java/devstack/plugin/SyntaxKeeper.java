package devstack.plugin;

import java.util.Map;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Keeps each script's syntax tree once names are resolved (a local closure called as {@code f()} has become
 * {@code f.call()} by then), so that the checks that read a plugin's code need not parse it a second time.
 */
final class SyntaxKeeper extends CompilationCustomizer {
    private final Map<String, org.codehaus.groovy.ast.ModuleNode> kept;

    SyntaxKeeper(Map<String, org.codehaus.groovy.ast.ModuleNode> kept) {
        super(CompilePhase.CANONICALIZATION);
        this.kept = kept;
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (classNode.isScript()) {
            kept.put(classNode.getName(), source.getAST());
        }
    }
}
