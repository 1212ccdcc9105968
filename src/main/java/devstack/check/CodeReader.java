package devstack.check;

import devstack.check.PluginCode.Arity;
import devstack.check.PluginCode.Call;
import devstack.check.PluginCode.SourceCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.FieldNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.SpreadExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.syntax.Types;

/**
 * Reads a plugin file's syntax tree into {@link PluginCode}. Only calls on the script itself are collected
 * ({@code install_package 'x'}, {@code this.foo()}): a call on another receiver ({@code foo.bar()}), a name built at
 * run time ({@code "$name"()}) and a call inside a closure whose delegate may be another object ({@code x.with { }},
 * a builder) is not the script's business. A local holding a closure ({@code def f = { }; f()}) is already a
 * {@code f.call()} in the tree the compiler keeps.
 */
final class CodeReader {
    /**
     * Methods that run a closure with its owner, the script, as what answers its calls: the closures given to them
     * are checked like the code around them. A closure given to any other method on another receiver may be run with
     * a delegate of that method's choosing.
     */
    private static final Set<String> OWNER_CLOSURES = Set.of("each", "eachWithIndex", "reverseEach", "collect",
            "collectMany", "collectEntries", "find", "findAll", "findResult", "findResults", "findIndexOf", "any",
            "every", "inject", "count", "sum", "min", "max", "sort", "toSorted", "unique", "groupBy", "countBy",
            "split", "takeWhile", "dropWhile", "times", "upto", "downto", "step", "eachLine", "eachFile",
            "eachFileRecurse", "eachDir", "eachByte", "withReader", "withWriter", "withInputStream",
            "withOutputStream", "withPrintWriter", "withCloseable", "withAutoCloseable", "eachMatch", "replaceAll",
            "retainAll", "removeAll", "removeIf", "forEach", "call", "curry", "memoize", "partition", "tokenize");
    /** Script methods that run their closure with more than the script to answer its calls (categories). */
    private static final Set<String> DELEGATING = Set.of("use");

    /** {@code // devstack:dynamic}, optionally followed by names. */
    private static final Pattern MARKER = Pattern.compile("//\\s*devstack:dynamic\\b(.*)$");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> expansions;

    /** @param expansions the variables a {@code source} path may use: TOP_DIR and DEST, with their values */
    CodeReader(Map<String, String> expansions) {
        this.expansions = expansions;
    }

    /** The variables a {@code source} path may use, with their values: what the code read depends on. */
    String expansions() {
        return new java.util.TreeMap<>(expansions).toString();
    }

    PluginCode read(String file, ModuleNode module, String text) {
        PluginCode.Builder code = new PluginCode.Builder(file);
        markers(text, code);
        for (ClassNode type : module.getClasses()) {
            if (!type.isScript()) {
                continue; // a class in a script answers its own calls
            }
            Walker walker = new Walker(code);
            for (MethodNode method : type.getMethods()) {
                if (isFunction(method)) {
                    code.function(method.getName(), arity(method));
                }
                if (method.getCode() != null && !method.getName().equals("main")) {
                    method.getCode().visit(walker);
                }
            }
            for (FieldNode field : type.getFields()) {
                if (!field.isSynthetic() && !field.getName().contains("$")) {
                    code.callableGlobal(field.getName()); // a @Field holding a closure can be called
                    if (field.getInitialExpression() != null) {
                        field.getInitialExpression().visit(walker);
                    }
                }
            }
        }
        return code.build();
    }

    private static boolean isFunction(MethodNode method) {
        String name = method.getName();
        return method.isPublic() && !method.isSynthetic() && !name.equals("run") && !name.equals("main")
                && !name.contains("$") && !name.equals("<init>") && !name.equals("<clinit>");
    }

    private static Arity arity(MethodNode method) {
        Parameter[] parameters = method.getParameters();
        List<String> names = new ArrayList<>();
        int required = 0;
        for (Parameter parameter : parameters) {
            names.add(parameter.getName());
            if (!parameter.hasInitialExpression()) {
                required++;
            }
        }
        boolean varargs = parameters.length > 0 && parameters[parameters.length - 1].getType().isArray();
        int min = varargs && !parameters[parameters.length - 1].hasInitialExpression() ? required - 1 : required;
        boolean singleObject = parameters.length == 1 && !isPrimitive(parameters[0].getType());
        return new Arity(List.copyOf(names), Math.max(0, min), varargs ? Integer.MAX_VALUE : parameters.length,
                singleObject);
    }

    private static boolean isPrimitive(ClassNode type) {
        return org.codehaus.groovy.ast.ClassHelper.isPrimitiveType(type);
    }

    /**
     * A marker at the end of a line exempts that line's calls, and alone on a line the next line's; followed by
     * names, it declares those names as functions the file gets at run time.
     */
    private static void markers(String text, PluginCode.Builder code) {
        if (!text.contains("devstack:dynamic")) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher marker = MARKER.matcher(lines[i]);
            if (!marker.find()) {
                continue;
            }
            Matcher names = NAME.matcher(marker.group(1));
            boolean named = false;
            while (names.find()) {
                code.dynamicName(names.group());
                named = true;
            }
            if (!named) {
                boolean alone = lines[i].substring(0, marker.start()).isBlank();
                code.dynamicLine(alone ? i + 2 : i + 1);
            }
        }
    }

    /** Walks statements and expressions, keeping count of closures whose delegate is not known. */
    private final class Walker extends CodeVisitorSupport {
        private final PluginCode.Builder code;
        private int foreignDelegates;

        Walker(PluginCode.Builder code) {
            this.code = code;
        }

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String name = call.getMethodAsString();
            boolean onScript = call.isImplicitThis() || isThis(call.getObjectExpression());
            if (onScript && name != null && call.getLineNumber() > 0) {
                List<Expression> arguments = arguments(call.getArguments());
                if (foreignDelegates == 0) {
                    code.call(call(name, call, arguments));
                }
                if (name.equals("source") && arguments.size() == 1) {
                    code.source(new SourceCall(expand(arguments.get(0)), call.getLineNumber()));
                }
                if (name.equals("is_service_enabled")) {
                    arguments.forEach(argument -> serviceNames(argument).forEach(code::serviceTested));
                }
                if (name.equals("enable_service")) {
                    arguments.forEach(argument -> serviceNames(argument).forEach(code::serviceEnabled));
                }
            }
            call.getObjectExpression().visit(this);
            call.getMethod().visit(this);
            boolean ownerRuns = name != null && (onScript ? !DELEGATING.contains(name) : OWNER_CLOSURES.contains(name));
            for (Expression argument : arguments(call.getArguments())) {
                if (argument instanceof ClosureExpression && !ownerRuns) {
                    foreignDelegates++;
                    argument.visit(this);
                    foreignDelegates--;
                } else {
                    argument.visit(this);
                }
            }
        }

        @Override
        public void visitBinaryExpression(BinaryExpression expression) {
            // name = { ... } without def: a global that holds a closure is callable like a function.
            if (!(expression instanceof DeclarationExpression)
                    && expression.getOperation().getType() == Types.ASSIGN
                    && expression.getLeftExpression() instanceof VariableExpression variable
                    && variable.getAccessedVariable() instanceof DynamicVariable
                    && (expression.getRightExpression() instanceof ClosureExpression
                    || expression.getRightExpression() instanceof MethodPointerExpression)) {
                code.callableGlobal(variable.getName());
            }
            super.visitBinaryExpression(expression);
        }

        /** The service names a string literal holds, separated by commas or blanks as the service helpers take them. */
        private List<String> serviceNames(Expression argument) {
            List<String> names = new ArrayList<>();
            if (argument instanceof ConstantExpression constant && constant.getValue() instanceof String text) {
                for (String name : text.trim().split("[,\\s]+")) {
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            return names;
        }
    }

    private static Call call(String name, MethodCallExpression call, List<Expression> arguments) {
        boolean spread = arguments.stream().anyMatch(a -> a instanceof SpreadExpression);
        Expression first = arguments.isEmpty() ? null : arguments.get(0);
        String flag = first instanceof ConstantExpression constant && constant.getValue() instanceof String s ? s : null;
        boolean literal = first instanceof ConstantExpression || first instanceof GStringExpression
                || first instanceof MapExpression || first instanceof ClosureExpression;
        boolean mayBeList = arguments.size() == 1 && (first instanceof ListExpression || !literal);
        Expression at = call.getMethod().getLineNumber() > 0 ? call.getMethod() : call;
        return new Call(name, at.getLineNumber(), at.getColumnNumber(), spread ? -1 : arguments.size(), flag, literal,
                mayBeList);
    }

    private static boolean isThis(Expression expression) {
        return expression instanceof VariableExpression variable && variable.isThisExpression();
    }

    private static List<Expression> arguments(Expression arguments) {
        if (arguments instanceof ArgumentListExpression list) {
            return list.getExpressions();
        }
        if (arguments instanceof TupleExpression tuple) {
            return tuple.getExpressions();
        }
        return List.of(arguments);
    }

    /** A source path with TOP_DIR and DEST put in; empty when any other part is only known at run time. */
    private Optional<String> expand(Expression path) {
        if (path instanceof ConstantExpression constant && constant.getValue() instanceof String text) {
            return Optional.of(text);
        }
        if (path instanceof VariableExpression variable && expansions.containsKey(variable.getName())) {
            return Optional.of(expansions.get(variable.getName()));
        }
        if (path instanceof GStringExpression gstring) {
            StringBuilder text = new StringBuilder();
            List<ConstantExpression> strings = gstring.getStrings();
            List<Expression> values = gstring.getValues();
            for (int i = 0; i < strings.size(); i++) {
                text.append(strings.get(i).getValue());
                if (i < values.size()) {
                    Optional<String> value = expand(values.get(i));
                    if (value.isEmpty()) {
                        return Optional.empty();
                    }
                    text.append(value.get());
                }
            }
            return Optional.of(text.toString());
        }
        if (path instanceof BinaryExpression binary && binary.getOperation().getType() == Types.PLUS) {
            Optional<String> left = expand(binary.getLeftExpression());
            Optional<String> right = expand(binary.getRightExpression());
            return left.isPresent() && right.isPresent() ? Optional.of(left.get() + right.get()) : Optional.empty();
        }
        return Optional.empty();
    }
}
