import LinuxKernel

/// Which device nodes a container may open or make: its devices cgroup's allow-list, applied as
/// "deny everything, then allow these" (CgroupManager.restrictDevices).
///
/// The default is Docker's: moby asks for "deny all" plus the user's `--device`s, and runc
/// (libcontainer/specconv `AllowedDevices`) always appends its own list. We take that list as
/// runc 1.2+ has it:
/// - mknod of any character or block device (`c *:* m`, `b *:* m`): making a node is harmless
///   without the right to open it, and images and package scripts make nodes. So a node an
///   image ships, or one root makes inside, exists but cannot be opened.
/// - null, zero, full, random, urandom and tty (1:3, 1:5, 1:7, 1:8, 1:9, 5:0): the nodes every
///   container gets in /dev (RootFilesystemPlan.devices).
/// - ptmx (5:2) and the pseudo-terminals (136:*): the container's own devpts instance, for `-t`.
/// - /dev/net/tun (10:200): runc removed it in 1.2.0-rc1 and put it back after the regressions
///   it caused (VPN containers); Docker's containers can open it, so ours can too.
/// Left out: /dev/console (5:1), which runc no longer allows and Dockyard never makes (`-t`
/// uses a devpts terminal, 136:N); and /dev/fuse, /dev/kmsg, /dev/kvm, loop and disk devices,
/// which need `--device`.
public enum DevicePolicy {
    public static let dockerDefault: [DeviceRule] = [
        DeviceRule(.character, nil, nil, .mknod),
        DeviceRule(.block, nil, nil, .mknod),
        DeviceRule(.character, 1, 3, .all),     // /dev/null
        DeviceRule(.character, 1, 8, .all),     // /dev/random
        DeviceRule(.character, 1, 7, .all),     // /dev/full
        DeviceRule(.character, 5, 0, .all),     // /dev/tty
        DeviceRule(.character, 1, 5, .all),     // /dev/zero
        DeviceRule(.character, 1, 9, .all),     // /dev/urandom
        DeviceRule(.character, 136, nil, .all), // /dev/pts/N
        DeviceRule(.character, 5, 2, .all),     // /dev/ptmx
        DeviceRule(.character, 10, 200, .all),  // /dev/net/tun
    ]

    /// The allow-list for a container: every device with `--privileged`, otherwise Docker's
    /// default plus one rule per `--device`.
    ///
    /// Docker's `--privileged` also copies every node of the host's /dev into the container.
    /// Dockyard does not: its /dev stays the small tmpfs with the default nodes plus `--device`s,
    /// so a privileged container can open any device it makes (`mknod`) or is given, but the
    /// host's disks do not sit in its /dev for a mistyped command to hit.
    public static func rules(privileged: Bool, devices: [DeviceMapping]) -> [DeviceRule] {
        if privileged { return [.everything] }
        return dockerDefault + devices.compactMap(\.rule)
    }
}
