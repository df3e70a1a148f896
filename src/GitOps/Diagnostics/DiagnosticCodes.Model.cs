namespace GitOps.Diagnostics;

/// <summary>
/// Every stable diagnostic code, one range per concern:
/// GITOPS1xx model, GITOPS2xx output and build, GITOPS3xx schema validation, GITOPS4xx Fleet/Flux/hosts.
/// A code never changes meaning once released.
/// </summary>
public static partial class DiagnosticCodes
{
    /// <summary>GITOPS100: A name that is not a Kubernetes name (RFC 1123 label or subdomain), or a qualified name that is not <c>namespace/name</c>.</summary>
    public const string InvalidName = "GITOPS100";

    /// <summary>GITOPS101: A subnet, pool or route destination that is not a CIDR (<c>address/prefix</c>, e.g. <c>192.168.2.0/24</c>).</summary>
    public const string InvalidCidr = "GITOPS101";

    /// <summary>GITOPS102: A text that is not an IP address, or not an address with prefix (<c>192.168.2.50/24</c>) where one is required.</summary>
    public const string InvalidAddress = "GITOPS102";

    /// <summary>GITOPS103: A gateway outside its network's subnet, or its network or broadcast address instead of a host address.</summary>
    public const string GatewayOutsideSubnet = "GITOPS103";

    /// <summary>GITOPS104: A VLAN ID outside 1–4094 (IEEE 802.1Q); <c>.Untagged()</c> is the native VLAN.</summary>
    public const string VlanOutOfRange = "GITOPS104";

    /// <summary>GITOPS105: An MTU outside the range the model accepts (1500 is standard Ethernet, 9000 jumbo frames).</summary>
    public const string MtuOutOfRange = "GITOPS105";

    /// <summary>GITOPS106: An attachment's MTU above the MTU of the network it bridges to (frames would be dropped).</summary>
    public const string AttachmentMtuAboveUplink = "GITOPS106";

    /// <summary>GITOPS107: Two address ranges overlap: networks, the Calico pod pool and the service CIDR each need their own.</summary>
    public const string SubnetOverlap = "GITOPS107";

    /// <summary>GITOPS108: A Calico IP pool block size outside what Calico accepts for the pool (26 is Calico's default for IPv4).</summary>
    public const string BlockSizeOutOfRange = "GITOPS108";

    /// <summary>GITOPS109: A name that is not a valid Linux interface name (the message says why).</summary>
    public const string InvalidInterfaceName = "GITOPS109";

    /// <summary>GITOPS110: A <c>cniVersion</c> that is not a CNI specification version.</summary>
    public const string CniVersionUnsupported = "GITOPS110";

    /// <summary>GITOPS111: A reference to a network, node, attachment or other model element that is not declared.</summary>
    public const string UnknownReference = "GITOPS111";

    /// <summary>GITOPS112: Two model elements share a name, or two emitted objects would share a file or a kind/namespace/name.</summary>
    public const string DuplicateName = "GITOPS112";

    /// <summary>GITOPS113: A required element or value is missing (e.g. a node without interfaces, a network without a subnet).</summary>
    public const string MissingElement = "GITOPS113";

    /// <summary>GITOPS114: A MAC address that is not six hex pairs separated by <c>:</c>.</summary>
    public const string InvalidMac = "GITOPS114";

    /// <summary>GITOPS115: A subnet or pool whose address has host bits set (<c>192.168.2.1/24</c> instead of <c>192.168.2.0/24</c>).</summary>
    public const string HostBitsSet = "GITOPS115";

    /// <summary>GITOPS116: A Multus CNI config file name that is not a plain file name ending in <c>.conf</c>, or that sorts after Calico's <c>10-calico.conflist</c> (kubelet would then skip Multus).</summary>
    public const string InvalidConfFileName = "GITOPS116";

    /// <summary>GITOPS117: A static pod address or host-local range that is not a host address inside its network (outside the subnet, its network or broadcast address, or another prefix length).</summary>
    public const string AddressOutsideSubnet = "GITOPS117";

    /// <summary>GITOPS118: A text that is not a container image reference as the kubelet reads it (distribution/reference:
    /// <c>[registry[:port]/]repository[:tag][@digest]</c>, the repository in lower case): the <c>.Image(...)</c> of a workload,
    /// the node agent's images, and the containers of a workload's own Deployment, StatefulSet or DaemonSet.</summary>
    public const string InvalidImage = "GITOPS118";

    /// <summary>GITOPS119: A DHCP option that does not exist (the CNI dhcp plugin takes a name or a code 1–254).</summary>
    public const string InvalidDhcpOption = "GITOPS119";

    /// <summary>GITOPS120: A path that is not an absolute Linux path where the node needs one (e.g. the CNI config directory).</summary>
    public const string InvalidPath = "GITOPS120";

    /// <summary>GITOPS121: A value the model accepts by type but not by range or combination; the message names the allowed values.</summary>
    public const string InvalidValue = "GITOPS121";

    /// <summary>GITOPS122: Two DHCP attachments dial the node's one CNI dhcp daemon at different sockets.</summary>
    public const string DhcpDaemonSocketConflict = "GITOPS122";

    /// <summary>GITOPS188: A Hyper-V VM adapter (<c>i.VmAdapter(...)</c>) on an interface of a node not declared as a Hyper-V VM (<c>n.HyperV("host")</c>).</summary>
    public const string VmAdapterWithoutHyperV = "GITOPS188";

    /// <summary>GITOPS189: A Hyper-V VM or adapter name that is empty or holds a control character (it could not be written on one script line).</summary>
    public const string InvalidHyperVName = "GITOPS189";

    /// <summary>
    /// GITOPS128: A typed handle (<see cref="Topology.NetworkReference"/>, <see cref="Topology.AttachmentReference"/>) handed
    /// out by another <see cref="Topology.LabBuilder"/> than the one being built; a handle names an element of its own lab only.
    /// </summary>
    public const string ForeignReference = "GITOPS128";
}
