package devstack.lifecycle;

import devstack.config.ConfigMerger;

/** The local.conf meta-sections, merged at the points of the lifecycle where DevStack merges them. */
final class LocalConfMerges implements LifecycleExtension {
    private final ConfigMerger merger;

    LocalConfMerges(ConfigMerger merger) {
        this.merger = merger;
    }

    @Override
    public void mergeConfig(String group) {
        merger.mergeGroup(group);
    }
}
