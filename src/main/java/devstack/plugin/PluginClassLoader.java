package devstack.plugin;

import java.util.Map;

/**
 * Defines the classes of one compiled plugin file, whether they come from the compiler or from the class cache,
 * so that both give the same classes. One loader per file (as Groovy's own loader does it), so that a file that
 * changes during a run can be compiled again under the same name. Its own classes are looked up here first and
 * defined on first use; everything else comes from the parent.
 */
final class PluginClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> files;

    PluginClassLoader(ClassLoader parent, CompiledClasses classes) {
        super(parent);
        this.files = classes.files();
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] bytes = files.get(name);
        if (bytes == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                type = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }
}
