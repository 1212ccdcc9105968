package devstack.script;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The arguments a helper declared with {@code Object...} really takes, where its Java signature cannot say it (the
 * ini helpers take a file, a section, an option and a value as one array). {@code devstack check} counts a call's
 * arguments against it, and the IDE file names them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Arguments {
    /** The arguments' names, in order; a last name ending in {@code ...} takes any number, none included. */
    String[] value();

    /** A leading flag the helper also accepts before them, such as {@code -sudo}; empty for none. */
    String flag() default "";
}
