package devstack.script;


/** Service helpers over ENABLED_SERVICES: is_service_enabled and friends. */
public abstract class ServiceHelpers extends ConsoleHelpers {
    /** is_service_enabled: true if any named service is enabled. Usage: {@code is_service_enabled('n-cpu', 'n-api')} */
    public boolean is_service_enabled(String... services) {
        return hostContext().settings().services().isEnabled(services);
    }

    /** enable_service: adds services to ENABLED_SERVICES. Usage: {@code enable_service 'template'} */
    public void enable_service(String... services) {
        hostContext().settings().services().enable(services);
    }

    /** disable_service: removes services and keeps them off. Usage: {@code disable_service 'n-novnc'} */
    public void disable_service(String... services) {
        hostContext().settings().services().disable(services);
    }

    /** disable_all_services: empties ENABLED_SERVICES. Usage: {@code disable_all_services()} */
    public void disable_all_services() {
        hostContext().settings().services().disableAll();
    }
}
