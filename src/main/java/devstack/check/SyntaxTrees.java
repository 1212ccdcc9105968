package devstack.check;

import devstack.script.PluginScript;
import groovy.lang.GroovyClassLoader;
import java.nio.charset.StandardCharsets;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

/**
 * A plugin file's syntax tree, for a compiled plugin whose tree the compiler did not keep: parsed again up to the
 * point where names are resolved, as the plugin compiler sees it (the helpers' base class), without making a class.
 */
final class SyntaxTrees {
    private SyntaxTrees() {
    }

    static ModuleNode parse(String name, String text) {
        CompilerConfiguration configuration = new CompilerConfiguration();
        configuration.setScriptBaseClass(PluginScript.class.getName());
        configuration.setSourceEncoding(StandardCharsets.UTF_8.name());
        GroovyClassLoader loader = new GroovyClassLoader(PluginScript.class.getClassLoader(), configuration);
        CompilationUnit unit = new CompilationUnit(configuration, null, loader);
        SourceUnit source = unit.addSource(name, text);
        unit.compile(Phases.CANONICALIZATION);
        return source.getAST();
    }
}
