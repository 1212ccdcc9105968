package devstack.script;



/** The services helpers of {@link PluginScript}: see there for what each does. */
final class ServiceHelpers extends HelperGroup {
    ServiceHelpers(ScriptContext context, PluginRuntime runtime) {
        super(context, runtime);
    }

    public boolean is_service_enabled(String... services) {
        return context.settings().services().isEnabled(services);
    }

    public void enable_service(String... services) {
        context.settings().services().enable(services);
    }

    public void disable_service(String... services) {
        context.settings().services().disable(services);
    }

    public void disable_all_services() {
        context.settings().services().disableAll();
    }
}
