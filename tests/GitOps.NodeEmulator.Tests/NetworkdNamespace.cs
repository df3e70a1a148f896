namespace GitOps.NodeEmulator.Tests;

/// <summary>
/// The start of every script that runs systemd-networkd in a new network and mount namespace (<c>unshare -n -m</c>):
/// the unit files (<c>$CONFIG</c>) bound over /etc/systemd/network, a private /run/systemd, a read-only sysfs of this
/// network namespace (networkd then does not wait for udev, as in a container), the state folder networkd writes as
/// its own user, and loopback up. The tests add their links, start networkd and copy out what they check.
/// </summary>
internal static class NetworkdNamespace
{
    public const string Setup = """
        set -eu
        mount --make-rprivate /
        mount --bind "$CONFIG" /etc/systemd/network
        mount -t tmpfs tmpfs /run/systemd
        mount -t sysfs -o ro sysfs /sys
        mkdir -p /run/systemd/netif
        chown systemd-network /run/systemd/netif
        ip link set lo up

        """;
}
