using System.Net;
using System.Net.NetworkInformation;
using GitOps.Output;

namespace GitOps.Picture;

/// <summary>
/// The document of <c>NETWORK.md</c>: the facts the picture shows, each list already in the order it is printed
/// (ordinal by name). Built from the lab by <see cref="NetworkPictureEmitter"/>, written by
/// <see cref="NetworkPictureRenderer"/>, which never sees the model.
/// </summary>
/// <param name="LabName">The lab's name (the title).</param>
/// <param name="Networks">The lab networks, by name.</param>
/// <param name="Nodes">The nodes, by name.</param>
/// <param name="Cluster">The cluster: its name, service CIDRs and Calico pools.</param>
/// <param name="Attachments">The NetworkAttachmentDefinitions, by qualified name.</param>
/// <param name="Workloads">The workloads, by <c>namespace/name</c>.</param>
/// <param name="Bgp">The BGP peering with the lab's routers; null when the lab has none.</param>
internal sealed record NetworkPicture(
    string LabName,
    IReadOnlyList<PictureNetwork> Networks,
    IReadOnlyList<PictureNode> Nodes,
    PictureCluster Cluster,
    IReadOnlyList<PictureAttachment> Attachments,
    IReadOnlyList<PictureWorkload> Workloads,
    PictureBgp? Bgp) : ITextFileDocument
{
    /// <inheritdoc />
    public void WriteText(TextWriter writer) => NetworkPictureRenderer.Write(this, writer);
}

/// <summary>A lab network: one row of the networks table and one shape of the diagram.</summary>
/// <param name="Name">The network's name.</param>
/// <param name="VlanId">Its VLAN ID; null when untagged.</param>
/// <param name="Subnet">Its subnet.</param>
/// <param name="Gateway">Its router's address.</param>
/// <param name="Mtu">Its link MTU in bytes (the default applied).</param>
/// <param name="Addressing">How its hosts get addresses (<c>DHCP</c>, <c>static</c>).</param>
/// <param name="IsNodeNetwork">Whether it is the cluster's node network.</param>
internal sealed record PictureNetwork(string Name, int? VlanId, IPNetwork Subnet, IPAddress Gateway, int Mtu, string Addressing, bool IsNodeNetwork);

/// <summary>A node with its bridges and interfaces.</summary>
/// <param name="Name">The node's name.</param>
/// <param name="Bridges">Its bridges, distinct, ordinal.</param>
/// <param name="Interfaces">Its interfaces, by name.</param>
internal sealed record PictureNode(string Name, IReadOnlyList<string> Bridges, IReadOnlyList<PictureInterface> Interfaces);

/// <summary>A node's interface.</summary>
/// <param name="Name">The interface name.</param>
/// <param name="Network">The network it joins (one of <see cref="NetworkPicture.Networks"/>).</param>
/// <param name="Bridge">The bridge it is a port of; null when none.</param>
/// <param name="Mac">Its MAC address; null when not set.</param>
internal sealed record PictureInterface(string Name, PictureNetwork Network, string? Bridge, PhysicalAddress? Mac);

/// <summary>The cluster.</summary>
/// <param name="Name">The cluster's name.</param>
/// <param name="NodeNetwork">The node network (one of <see cref="NetworkPicture.Networks"/>).</param>
/// <param name="ServiceCidrs">The Kubernetes service CIDRs.</param>
/// <param name="Pools">Calico's pools: the primary family's first, the IPv6 one second in a dual-stack lab.</param>
/// <param name="CalicoMtu">Calico's MTU in bytes; null when Calico picks it.</param>
internal sealed record PictureCluster(string Name, PictureNetwork NodeNetwork, IReadOnlyList<IPNetwork> ServiceCidrs, IReadOnlyList<PicturePool> Pools, int? CalicoMtu)
{
    /// <summary>Two pools: IPv4 and IPv6.</summary>
    public bool DualStack => Pools.Count == 2;
}

/// <summary>A Calico pool.</summary>
/// <param name="Cidr">The pool's CIDR.</param>
/// <param name="BlockSize">The prefix length of the blocks it hands nodes.</param>
/// <param name="Encapsulation">The encapsulation's name as Calico writes it (<c>None</c>, <c>VXLAN</c>…).</param>
/// <param name="NatOutgoing">Whether pods' traffic leaving the pool is NATed.</param>
internal sealed record PicturePool(IPNetwork Cidr, int BlockSize, string Encapsulation, bool NatOutgoing);

/// <summary>A NetworkAttachmentDefinition.</summary>
/// <param name="QualifiedName">Its <c>namespace/name</c>.</param>
/// <param name="Network">The network it joins (one of <see cref="NetworkPicture.Networks"/>).</param>
/// <param name="Bridge">The node bridge it plugs into; null for macvlan/ipvlan.</param>
/// <param name="Master">The node interface a macvlan/ipvlan child hangs off; null for a bridge.</param>
/// <param name="Device">The node device as the table says it (the bridge, or <c>macvlan on enp2s0</c>).</param>
/// <param name="IpamKind">Its IPAM in a few words, for the diagram (<c>whereabouts 10.0.0.0/24</c>).</param>
/// <param name="Ipam">Its IPAM in full, for the table.</param>
/// <param name="RouteFix">Whether route-fix is in its chain.</param>
/// <param name="RouteFixDetails">route-fix's settings as the table says them (<c>no route-fix</c> without it).</param>
/// <param name="Mtu">The pod interface's MTU in bytes; null for the plugin's default.</param>
/// <param name="Nodes">The nodes that have its device, ordinal.</param>
internal sealed record PictureAttachment(
    string QualifiedName,
    PictureNetwork Network,
    string? Bridge,
    string? Master,
    string Device,
    string IpamKind,
    string Ipam,
    bool RouteFix,
    string RouteFixDetails,
    int? Mtu,
    IReadOnlyList<string> Nodes);

/// <summary>A workload.</summary>
/// <param name="Name">Its <c>namespace/name</c>.</param>
/// <param name="Attachments">Its attachments in pod-interface order (net1, net2…), each one of <see cref="NetworkPicture.Attachments"/>.</param>
/// <param name="Images">Its containers' images, in container order.</param>
/// <param name="Ports">Its containers' ports, in order.</param>
/// <param name="Nodes">The nodes it may run on, ordinal.</param>
internal sealed record PictureWorkload(string Name, IReadOnlyList<PictureAttachment> Attachments, IReadOnlyList<string?> Images, IReadOnlyList<PicturePort> Ports, IReadOnlyList<string> Nodes);

/// <summary>A container port.</summary>
/// <param name="Name">Its name; null when unnamed.</param>
/// <param name="ContainerPort">Its number.</param>
internal sealed record PicturePort(string? Name, int ContainerPort);

/// <summary>The cluster's BGP peering.</summary>
/// <param name="ClusterAs">The cluster's AS number.</param>
/// <param name="NodeToNodeMesh">Whether Calico's node-to-node mesh is on.</param>
/// <param name="Routers">The routers, by name.</param>
/// <param name="Accepted">The prefixes the routers accept from the cluster.</param>
internal sealed record PictureBgp(uint ClusterAs, bool NodeToNodeMesh, IReadOnlyList<PictureRouter> Routers, IReadOnlyList<IPNetwork> Accepted);

/// <summary>A BGP router.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Address">Its address on the node network.</param>
/// <param name="AsNumber">Its AS number.</param>
internal sealed record PictureRouter(string Name, IPAddress Address, uint AsNumber);
