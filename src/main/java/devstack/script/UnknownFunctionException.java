package devstack.script;

import devstack.DevstackException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A plugin called a function that no helper, plugin or sourced library defines (or with the wrong arguments). */
public class UnknownFunctionException extends DevstackException {
    public UnknownFunctionException(String name, Object[] arguments, boolean definedWithOtherArguments) {
        super(FAILED, (definedWithOtherArguments ? "function " + name + " does not take the arguments ("
                        : "no helper or function named " + name + " (called with arguments (")
                        + describe(arguments) + (definedWithOtherArguments ? ")" : "))"),
                definedWithOtherArguments ? "check the number and types of the arguments"
                        : "check the spelling, or source the library that defines it before calling it "
                        + "(docs/helpers.md lists the helpers)");
    }

    private static String describe(Object[] arguments) {
        return Arrays.stream(arguments)
                .map(a -> a == null ? "null" : a.getClass().getSimpleName())
                .collect(Collectors.joining(", "));
    }
}
