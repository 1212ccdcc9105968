// nova_plugins/hypervisor-fake.groovy - configure nova's fake hypervisor
//
// Enable with: VIRT_DRIVER=fake (the default here). Runs anywhere: nothing to install, start or stop.
//
// install_nova_hypervisor   - install any external requirements
// configure_nova_hypervisor - make configuration changes, including those to other services
// start_nova_hypervisor     - start any external services
// stop_nova_hypervisor      - stop any external services
// cleanup_nova_hypervisor   - remove transient data and cache

// cleanup_nova_hypervisor - nothing was left behind
def cleanup_nova_hypervisor() {
}

// configure_nova_hypervisor - point nova at the fake driver and lift its quotas
def configure_nova_hypervisor() {
    iniset NOVA_CONF, 'DEFAULT', 'compute_driver', 'fake.FakeDriver'
    // Disable arbitrary limits
    ['instances', 'cores', 'ram', 'floating_ips', 'fixed_ips', 'metadata_items', 'injected_files',
     'injected_file_path_length', 'security_groups', 'security_group_rules', 'key_pairs'].each { quota ->
        iniset NOVA_CONF, 'DEFAULT', "quota_$quota", -1
    }
    iniset NOVA_CONF, 'filter_scheduler', 'enabled_filters',
            'RetryFilter,AvailabilityZoneFilter,ComputeFilter,ComputeCapabilitiesFilter,ImagePropertiesFilter,' +
            'CoreFilter,RamFilter,DiskFilter'
}

// install_nova_hypervisor - nothing to install
def install_nova_hypervisor() {
}

// start_nova_hypervisor - nothing to start
def start_nova_hypervisor() {
}

// stop_nova_hypervisor - nothing to stop
def stop_nova_hypervisor() {
}
