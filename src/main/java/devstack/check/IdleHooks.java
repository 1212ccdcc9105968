package devstack.check;

import devstack.config.ServiceSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hooks that test services with {@code is_service_enabled('…')} none of which is enabled: such a hook does
 * nothing, silently, which catches every newcomer once (a first hook, its service never enabled).
 */
public final class IdleHooks {
    private IdleHooks() {
    }

    /** The files of {@code tested} whose services are all disabled, each with them: {@code file (a, b)}. */
    public static List<String> of(Map<String, List<String>> tested, ServiceSet services) {
        List<String> idle = new ArrayList<>();
        tested.forEach((file, names) -> {
            if (names.stream().noneMatch(services::isEnabled)) {
                idle.add(file + " (" + String.join(", ", names) + ")");
            }
        });
        return idle;
    }

    /** The line a stack run ends with when there are such hooks. */
    public static Optional<String> line(Map<String, List<String>> tested, ServiceSet services) {
        List<String> idle = of(tested, services);
        return idle.isEmpty() ? Optional.empty()
                : Optional.of("Hooks that tested only disabled services: " + String.join("; ", idle));
    }
}
