using GitOps.Topology;

namespace GitOps.Calico;

/// <summary>
/// What Calico's CNI conflist and the operator's <c>Installation</c> must agree on, derived once from the lab
/// so the Multus delegate (thin plugin) and the Installation cannot drift apart. The operator renders its
/// own <c>10-calico.conflist</c> from the Installation (tigera/operator <c>pkg/render/node.go</c>,
/// <c>createCalicoPluginConfig</c>/<c>nodeCNIConfigMap</c>); the delegate mirrors that rendering:
/// <list type="bullet">
/// <item><c>mtu</c> = <c>calicoNetwork.mtu</c>, 0 (auto-detect) when unset;</item>
/// <item><c>container_settings.allow_ip_forwarding</c> = <c>calicoNetwork.containerIPForwarding == Enabled</c>;</item>
/// <item><c>ipam</c> = <c>calico-ipam</c> for <c>cni.ipam.type: Calico</c>, <c>assign_ipv4</c>/<c>assign_ipv6</c> = whether a pool of that family exists (<c>getCalicoIPAM</c>: "true" for each family with a pool, so both for dual stack);</item>
/// <item>plugins: <c>calico</c>; <c>bandwidth</c> only before v3.30.0; <c>portmap</c> since <c>hostPorts</c> defaults to Enabled
/// (tigera/operator <c>pkg/controller/installation/core_controller.go</c>).</item>
/// </list>
/// </summary>
/// <param name="Mtu">Bytes; 0 = Calico detects the MTU.</param>
/// <param name="AllowIpForwarding">Pods may forward IP packets.</param>
/// <param name="AssignIPv4">A pool is IPv4 (Calico spells the flag as a string "true"/"false").</param>
/// <param name="AssignIPv6">A pool is IPv6; both are true for a dual-stack lab.</param>
/// <param name="ChainPlugins">The plugin types chained after <c>calico</c>, in order.</param>
internal sealed record CalicoCniSettings(int Mtu, bool AllowIpForwarding, bool AssignIPv4, bool AssignIPv6, IReadOnlyList<string> ChainPlugins)
{
    /// <summary>The operator's IPAM type for calico-ipam (Installation <c>spec.cni.ipam.type</c>).</summary>
    public const string IpamType = "Calico";

    public static CalicoCniSettings From(CalicoSettings calico)
    {
        var v4 = calico.Pools.Any(p => IpMath.IsIPv4(p.Cidr.BaseAddress));
        var v6 = calico.Pools.Any(p => !IpMath.IsIPv4(p.Cidr.BaseAddress));
        return new CalicoCniSettings(calico.Mtu ?? 0, calico.ContainerIpForwarding, v4, v6, ChainedPlugins(calico.Version));
    }

    /// <summary>
    /// Plugins the operator chains after <c>calico</c> for this release: <c>bandwidth</c> + <c>portmap</c> up to
    /// v3.29.x (operator ≤ 1.37), <c>portmap</c> alone from v3.30.0 (operator 1.38, PR #3784).
    /// </summary>
    public static IReadOnlyList<string> ChainedPlugins(CalicoVersion version) =>
        version < CalicoVersion.WithoutBandwidthPlugin ? ["bandwidth", "portmap"] : ["portmap"];

    /// <summary>
    /// The CNI binaries Calico's install-cni copies into the node's CNI bin dir for this release: everything in
    /// the calico/cni image's <c>/opt/cni/bin</c> except <c>install</c> (projectcalico/calico
    /// <c>cni-plugin/pkg/install/install.go</c>), built by <c>cni-plugin/Makefile</c> (<c>build</c> + <c>build-cni-bins</c>):
    /// <c>calico</c>, <c>calico-ipam</c>, <c>flannel</c>, and the <c>CN_FILES</c> reference plugins, which lost
    /// <c>bandwidth</c> in v3.30.0. With <c>--flannel-backend=none</c> K3s points containerd at the default
    /// <c>/opt/cni/bin</c> and its own bundled plugins stay in its data dir (k3s-io/k3s <c>pkg/agent/config/config.go</c>,
    /// <c>pkg/agent/templates/templates_linux.go</c>), so these are the only reference plugins there.
    /// </summary>
    public static IReadOnlyList<string> NodePlugins(CalicoVersion version)
    {
        string[] always = ["calico", "calico-ipam", "flannel", "host-local", "loopback", "portmap", "tuning"];
        return version < CalicoVersion.WithoutBandwidthPlugin ? [.. always, "bandwidth"] : always;
    }
}
