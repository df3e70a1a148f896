using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// The attachment's pods get addresses from the network's DHCP server through the CNI dhcp daemon (IPAM type
/// <c>dhcp</c>): <c>d =&gt; d.ProvidePodName()</c>.
/// </summary>
public sealed class DhcpIpamBuilder : IpamBuilder
{
    private readonly List<Located<DhcpProvide>> _provide = [];

    internal DhcpIpamBuilder(SourceLocation source) : base(source)
    {
    }

    internal IReadOnlyList<Located<DhcpProvide>> Provide => _provide;
    internal Located<string>? SocketPath { get; private set; }

    /// <summary>
    /// Send DHCP option <paramref name="option"/> (1–254; 0 and 255 are pad and end, GITOPS119) with the value of
    /// CNI_ARGS key <paramref name="fromArg"/> (e.g. <c>K8S_POD_NAME</c>). Call once per option.
    /// </summary>
    public DhcpIpamBuilder ProvideOption(int option, string fromArg, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _provide.Add(new(new DhcpProvide(option, fromArg), new(file, line)));
        return this;
    }

    /// <summary>Send the pod name as the DHCP host name (option 12 from K8S_POD_NAME), so the router shows it.</summary>
    public DhcpIpamBuilder ProvidePodName([CallerFilePath] string file = "", [CallerLineNumber] int line = 0) =>
        ProvideOption(12, "K8S_POD_NAME", file, line);

    /// <summary>
    /// The dhcp daemon's socket (an absolute path in a directory other than /; default /run/cni/dhcp.sock). Each node
    /// runs one daemon on one socket, so every DHCP attachment of the lab must name the same path (GITOPS122 otherwise).
    /// </summary>
    public DhcpIpamBuilder DaemonSocketPath(string path, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        SocketPath = new(path, new(file, line));
        return this;
    }
}
