package devstack.system;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables DevStack's {@code GetOSVersion} and {@code GetDistro} set, which plugins read directly:
 * {@code os_VENDOR}, {@code os_RELEASE}, {@code os_CODENAME}, {@code os_PACKAGE} and {@code DISTRO}.
 */
public final class OsVariables {
    private OsVariables() {
    }

    /** The os_* variables (GetOSVersion), in DevStack's order. */
    public static Map<String, String> osVersion(OsRelease os) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("os_VENDOR", os.vendor());
        variables.put("os_RELEASE", os.release());
        variables.put("os_CODENAME", os.codename());
        variables.put("os_PACKAGE", os.packageFormat());
        return variables;
    }

    /** The os_* variables and DISTRO (GetDistro): what every plugin sees from the start of a run. */
    public static Map<String, String> of(OsRelease os) {
        Map<String, String> variables = osVersion(os);
        variables.put("DISTRO", os.distro());
        return variables;
    }
}
