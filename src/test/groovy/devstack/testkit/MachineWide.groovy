package devstack.testkit

import org.spockframework.runtime.extension.ExtensionAnnotation

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

/**
 * A specification that changes what the whole machine shares: it installs or purges packages through apt and
 * dpkg, or adds users and groups. The suite runs its specifications in two JVMs at once; these run one at a time
 * (see {@link MachineWideExtension}), so that one spec's packages are never taken for another's and two apt or
 * useradd runs never meet.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtensionAnnotation(MachineWideExtension)
@interface MachineWide {
}
