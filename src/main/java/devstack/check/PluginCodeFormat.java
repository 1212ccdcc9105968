package devstack.check;

import devstack.check.PluginCode.Arity;
import devstack.check.PluginCode.Call;
import devstack.check.PluginCode.SourceCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link PluginCode} as bytes, for the class cache: a run that takes a plugin's classes from the cache takes what
 * the check read from it too, instead of parsing the plugin again. Plain fields in a fixed order; the cache's
 * entry checks the bytes are whole and belong to the key, and the key holds this class's version.
 */
final class PluginCodeFormat {
    /** No list or string of a plugin file comes near this; a larger count is damage. */
    private static final int MAX_ITEMS = 64 * 1024 * 1024;

    private PluginCodeFormat() {
    }

    static byte[] encode(PluginCode code) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            text(out, code.file());
            out.writeInt(code.functions().size());
            for (Map.Entry<String, List<Arity>> function : code.functions().entrySet()) {
                text(out, function.getKey());
                out.writeInt(function.getValue().size());
                for (Arity arity : function.getValue()) {
                    strings(out, arity.parameters());
                    out.writeInt(arity.min());
                    out.writeInt(arity.max());
                    out.writeBoolean(arity.singleObject());
                }
            }
            strings(out, code.callableGlobals());
            out.writeInt(code.calls().size());
            for (Call call : code.calls()) {
                text(out, call.name());
                out.writeInt(call.line());
                out.writeInt(call.column());
                out.writeInt(call.arguments());
                optional(out, Optional.ofNullable(call.flag()));
                out.writeBoolean(call.firstIsLiteral());
                out.writeBoolean(call.mayBeList());
            }
            out.writeInt(code.sources().size());
            for (SourceCall source : code.sources()) {
                optional(out, source.path());
                out.writeInt(source.line());
            }
            strings(out, code.servicesTested());
            strings(out, code.servicesEnabled());
            out.writeInt(code.dynamicLines().size());
            for (int line : code.dynamicLines()) {
                out.writeInt(line);
            }
            strings(out, code.dynamicNames());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PluginCode decode(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        String file = text(in);
        Map<String, List<Arity>> functions = new LinkedHashMap<>();
        for (int i = count(in); i > 0; i--) {
            String name = text(in);
            List<Arity> arities = new ArrayList<>();
            for (int j = count(in); j > 0; j--) {
                arities.add(new Arity(strings(in), in.readInt(), in.readInt(), in.readBoolean()));
            }
            functions.put(name, List.copyOf(arities));
        }
        Set<String> globals = new LinkedHashSet<>(strings(in));
        List<Call> calls = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            calls.add(new Call(text(in), in.readInt(), in.readInt(), in.readInt(), optional(in).orElse(null),
                    in.readBoolean(), in.readBoolean()));
        }
        List<SourceCall> sources = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            sources.add(new SourceCall(optional(in), in.readInt()));
        }
        List<String> tested = strings(in);
        List<String> enabled = strings(in);
        Set<Integer> dynamicLines = new LinkedHashSet<>();
        for (int i = count(in); i > 0; i--) {
            dynamicLines.add(in.readInt());
        }
        Set<String> dynamicNames = new LinkedHashSet<>(strings(in));
        if (in.available() != 0) {
            throw new IOException("bytes left over after the plugin's code");
        }
        return new PluginCode(file, Map.copyOf(functions), Set.copyOf(globals), List.copyOf(calls),
                List.copyOf(sources), tested, enabled, Set.copyOf(dynamicLines), Set.copyOf(dynamicNames));
    }

    /** A string of any length (writeUTF stops at 64 KiB, and a literal argument may be longer). */
    private static void text(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String text(DataInputStream in) throws IOException {
        int length = count(in);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("a string is cut short");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void strings(DataOutputStream out, Collection<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            text(out, string);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        List<String> strings = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            strings.add(text(in));
        }
        return List.copyOf(strings);
    }

    private static void optional(DataOutputStream out, Optional<String> value) throws IOException {
        out.writeBoolean(value.isPresent());
        if (value.isPresent()) {
            text(out, value.get());
        }
    }

    private static Optional<String> optional(DataInputStream in) throws IOException {
        return in.readBoolean() ? Optional.of(text(in)) : Optional.empty();
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_ITEMS) {
            throw new IOException("a count of " + count);
        }
        return count;
    }
}
