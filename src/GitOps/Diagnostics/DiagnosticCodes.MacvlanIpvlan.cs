namespace GitOps.Diagnostics;

public static partial class DiagnosticCodes
{
    /// <summary>
    /// GITOPS180: A macvlan or ipvlan attachment whose network reaches the nodes only through a bridge port; the kernel
    /// refuses a macvlan/ipvlan child of a bridge port (EBUSY: the bridge holds the port's rx_handler).
    /// </summary>
    public const string MasterIsBridgePort = "GITOPS180";

    /// <summary>
    /// GITOPS181: A macvlan or ipvlan attachment whose network's interface has different names on different nodes;
    /// Multus hands every node the one NAD config, so <c>master</c> can name only one.
    /// </summary>
    public const string MasterNamesDiffer = "GITOPS181";

    /// <summary>GITOPS182: An ipvlan attachment in mode l3 or l3s with DHCP; those modes carry no broadcast, so no DHCP exchange.</summary>
    public const string IpvlanL3WithDhcp = "GITOPS182";

    /// <summary>GITOPS183: An ipvlan attachment in mode l3 or l3s with route-fix's multicast or broadcast route; those modes carry neither.</summary>
    public const string IpvlanL3WithBroadcastRoutes = "GITOPS183";

    /// <summary>
    /// GITOPS184: A workload names an address on an attachment whose IPAM ignores it (dhcp, static, host-local read no
    /// <c>runtimeConfig.ips</c>), or joins a <c>.PodAddresses()</c> attachment without naming one.
    /// </summary>
    public const string PodAddressIpamMismatch = "GITOPS184";

    /// <summary>GITOPS185: A workload names a MAC on an attachment without <c>.PodMac()</c>, whose chain declares no <c>mac</c> capability.</summary>
    public const string PodMacNotEnabled = "GITOPS185";

    /// <summary>GITOPS186: A requested MAC with the multicast bit set (the first octet's lowest bit); an interface needs a unicast address.</summary>
    public const string PodMacNotUnicast = "GITOPS186";

    /// <summary>GITOPS187: Two pods request one MAC on one network.</summary>
    public const string PodMacShared = "GITOPS187";
}
