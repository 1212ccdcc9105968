package devstack.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The class files one plugin file compiles to: its script class and the classes of its closures.
 *
 * @param mainClass the script class's name
 * @param files     class name to class file, the script class first
 */
public record CompiledClasses(String mainClass, Map<String, byte[]> files) {
    public CompiledClasses {
        if (!files.containsKey(mainClass)) {
            throw new IllegalArgumentException("no class file for " + mainClass);
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
}
