using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using static GitOps.Diagnostics.DiagnosticCodes;

namespace GitOps.Topology;

internal sealed partial class LabAssembler
{
    /// <summary>CNI spec versions the reference plugins and route-fix understand.</summary>
    internal static readonly string[] KnownCniVersions = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];

    /// <summary>Multus 3.x is built on libcni 0.8 and reads configs up to CNI spec 0.4.0.</summary>
    internal const string MaxCniVersionForMultusV3 = "0.4.0";

    private bool CheckDnsName(string name, string path, SourceLocation source)
    {
        if (Names.CheckDnsLabel(name) is { } problem)
        {
            _errors.Add(InvalidName, path, $"'{name}' is not a valid Kubernetes name: {problem}.", source);
            return false;
        }

        return true;
    }

    private bool CheckInterfaceName(string name, string path, SourceLocation source)
    {
        if (Names.CheckInterfaceName(name) is { } problem)
        {
            _errors.Add(InvalidInterfaceName, path, $"'{name}' is not a valid Linux interface name: {problem}.", source);
            return false;
        }

        return true;
    }

    private IPNetwork? RequireCidr(Located<string>? text, string path, SourceLocation owner, string fix)
    {
        if (text is null)
        {
            _errors.Add(MissingElement, path, $"missing; {fix}.", owner);
            return null;
        }

        return ParseCidr(text.Value, path);
    }

    private IPNetwork? ParseCidr(Located<string> text, string path)
    {
        var slash = text.Value.IndexOf('/');
        if (slash < 0 || !TryParseAddress(text.Value[..slash], out var address) ||
            !int.TryParse(text.Value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) ||
            prefix > (IpMath.IsIPv4(address) ? 32 : 128))
        {
            _errors.Add(InvalidCidr, path, $"'{text.Value}' is not a CIDR; write it as address/prefix, e.g. \"192.168.2.0/24\".", text.Source);
            return null;
        }

        if (!IpMath.IsCanonical(address, prefix))
        {
            var network = new IPNetwork(Mask(address, prefix), prefix);
            _errors.Add(HostBitsSet, path, $"'{text.Value}' has host bits set; the network is \"{network}\".", text.Source);
            return null;
        }

        return new IPNetwork(address, prefix);
    }

    private (IPAddress Address, int Prefix)? ParseAddressWithPrefix(string text, string path, SourceLocation source)
    {
        var slash = text.IndexOf('/');
        if (slash < 0 || !TryParseAddress(text[..slash], out var address) ||
            !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) ||
            prefix > (IpMath.IsIPv4(address) ? 32 : 128))
        {
            _errors.Add(InvalidAddress, path, $"'{text}' is not an address with prefix; write it like \"192.168.2.50/24\".", source);
            return null;
        }

        return (address, prefix);
    }

    private IPAddress? RequireAddress(Located<string>? text, string path, SourceLocation owner, string fix)
    {
        if (text is null)
        {
            _errors.Add(MissingElement, path, $"missing; {fix}.", owner);
            return null;
        }

        return ParseAddress(text.Value, path);
    }

    private IPAddress? ParseAddress(Located<string> text, string path)
    {
        if (!TryParseAddress(text.Value, out var address))
        {
            _errors.Add(InvalidAddress, path, $"'{text.Value}' is not an IP address; write it like \"192.168.2.1\" (an interface name such as eth1 is not an address).", text.Source);
            return null;
        }

        return address;
    }

    /// <summary>
    /// IPAddress.TryParse accepts "1", "10.1" or "192.168/16" (inet_aton forms), scoped IPv6 and
    /// IPv4-mapped IPv6 (::ffff:192.168.2.1); a lab address must be a full dotted quad or a plain IPv6 address.
    /// </summary>
    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address) =>
        IPAddress.TryParse(text, out address) &&
        (!IpMath.IsIPv4(address) || text.Count(c => c == '.') == 3) && !text.Contains('%') && !address.IsIPv4MappedToIPv6;

    private PhysicalAddress? ParseMac(Located<string> text, string path)
    {
        var parts = text.Value.Split(':');
        if (parts.Length != 6 || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiHexDigit)))
        {
            _errors.Add(InvalidMac, path, $"'{text.Value}' is not a MAC address; write six hex pairs separated by ':', e.g. \"00:15:5d:02:cb:09\".", text.Source);
            return null;
        }

        return PhysicalAddress.Parse(text.Value.Replace(':', '-').ToUpperInvariant());
    }

    private bool CheckMtu(Located<int> mtu, string path)
    {
        if (mtu.Value is < MinMtu or > MaxMtu)
        {
            _errors.Add(MtuOutOfRange, path, $"MTU {mtu.Value} is out of range; use {MinMtu} to {MaxMtu} (1500 is standard Ethernet, 9000 jumbo frames).", mtu.Source);
            return false;
        }

        return true;
    }

    private void CheckGatewayInside(IPNetwork subnet, IPAddress gateway, string path, SourceLocation source)
    {
        if (!subnet.Contains(gateway))
        {
            _errors.Add(GatewayOutsideSubnet, path, $"gateway {gateway} is not inside {subnet}; use the router's address in that subnet, e.g. {IpMath.Offset(subnet.BaseAddress, 1)}.", source);
        }
        else if (gateway.Equals(subnet.BaseAddress))
        {
            _errors.Add(GatewayOutsideSubnet, path, $"gateway {gateway} is the network address of {subnet}, not a host; use e.g. {IpMath.Offset(subnet.BaseAddress, 1)}.", source);
        }
        else if (IpMath.IsIPv4(gateway) && subnet.PrefixLength <= 30 && gateway.Equals(IpMath.LastAddress(subnet)))
        {
            _errors.Add(GatewayOutsideSubnet, path, $"gateway {gateway} is the broadcast address of {subnet}, not a host; use e.g. {IpMath.Offset(subnet.BaseAddress, 1)}.", source);
        }
    }

    private void CheckAbsolutePath(Located<string> path, string modelPath)
    {
        if (string.IsNullOrWhiteSpace(path.Value) || !path.Value.StartsWith('/') || path.Value.Contains("..", StringComparison.Ordinal) ||
            path.Value.Any(c => char.IsWhiteSpace(c) || c == '"'))
        {
            _errors.Add(InvalidPath, modelPath, $"'{path.Value}' is not an absolute Linux path; use e.g. \"/etc/cni/net.d\".", path.Source);
        }
        else if (path.Value.Trim('/').Length == 0)
        {
            // Directories are stored without a trailing '/', so the root would become an empty path.
            _errors.Add(InvalidPath, modelPath, $"'{path.Value}' is the root directory, not a file or folder in it; use e.g. \"/etc/cni/net.d\".", path.Source);
        }
    }

    private void CheckImage(Located<string> image, string path)
    {
        var value = image.Value;
        if (string.IsNullOrWhiteSpace(value) || value.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' || char.IsAsciiLetterUpper(c) && !value.Contains('@')) ||
            value.StartsWith('/') || value.EndsWith(':'))
        {
            _errors.Add(InvalidImage, path, $"'{value}' is not a container image reference; use lower-case registry/repository:tag, e.g. \"ghcr.io/home-assistant/home-assistant:2025.11\".", image.Source);
        }
    }

    private void CheckCniVersion(Located<string> version, string path, MultusVersion multus)
    {
        if (!KnownCniVersions.Contains(version.Value))
        {
            _errors.Add(CniVersionUnsupported, path, $"cniVersion '{version.Value}' is not a CNI spec version; use one of {string.Join(", ", KnownCniVersions)}.", version.Source);
        }
        else if (multus == MultusVersion.V3 && string.CompareOrdinal(version.Value, MaxCniVersionForMultusV3) > 0)
        {
            _errors.Add(CniVersionUnsupported, path, $"cniVersion {version.Value} cannot be read by Multus 3.x, which speaks CNI up to {MaxCniVersionForMultusV3}; use \"0.4.0\" or move to Multus v4 with .Version(MultusVersion.V4).", version.Source);
        }
    }

    /// <summary>Rules that need the whole lab: address plan overlaps and the node network's interfaces.</summary>
    private void CheckCrossRules(Lab lab)
    {
        CheckCalicoCniDirs(lab);

        // Each range points at the call that set it (the service CIDR's default at the cluster).
        var serviceCidrSource = _lab.ClusterChoice!.ServiceCidrText.Source;
        var plan = lab.Networks.Select(n => (Name: $"network '{n.Name}'", Path: $"lab/networks/{n.Name}/subnet", Subnet: n.Subnet,
                Source: _lab.Networks.First(b => b.Name == n.Name).SubnetText!.Value.Source))
            .Append((Name: "Calico pod pool", Path: "lab/calico/ipPool/cidr", Subnet: lab.Calico.Pool.Cidr, Source: _lab.CalicoChoice!.PoolCidr!.Value.Source))
            .Append((Name: "service CIDR", Path: "lab/cluster/serviceCidr", Subnet: lab.Cluster.ServiceCidr,
                Source: serviceCidrSource == default ? lab.Cluster.Source : serviceCidrSource))
            .ToArray();
        for (var i = 0; i < plan.Length; i++)
        {
            for (var j = i + 1; j < plan.Length; j++)
            {
                if (IpMath.Overlaps(plan[i].Subnet, plan[j].Subnet))
                {
                    _errors.Add(SubnetOverlap, plan[j].Path, $"{plan[j].Subnet} ({plan[j].Name}) overlaps {plan[i].Subnet} ({plan[i].Name}); every network, the pod pool and the service CIDR need their own address range.", plan[j].Source);
                }
            }
        }

        CheckPodPoolRoutable(lab);
        foreach (var node in lab.Nodes)
        {
            if (!node.Interfaces.Any(i => i.Network == lab.Cluster.NodeNetwork && i.Bridge is null))
            {
                _errors.Add(MissingElement, $"lab/nodes/{node.Name}/interfaces", $"node '{node.Name}' has no interface on the node network '{lab.Cluster.NodeNetwork.Name}'; Calico needs one to find the node address. Add .Interface(\"eth1\", \"{lab.Cluster.NodeNetwork.Name}\").", node.Source);
            }
        }
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
