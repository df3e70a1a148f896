using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>
/// The attachment's pods get addresses from a cluster-wide range kept in the cluster's API (IPAM type
/// <c>whereabouts</c>, k8snetworkplumbingwg/whereabouts): one pool per range for all nodes, so unlike host-local it
/// may span several nodes. Made by <see cref="AttachmentBuilder.Whereabouts"/>:
/// <c>w =&gt; w.RangeStart("192.168.2.100").RangeEnd("192.168.2.149").Exclude("192.168.2.120/30")</c>.
/// Field names and meanings follow whereabouts' README ("Core Parameters", "Optional") and
/// <c>pkg/types/types.go</c> (<c>IPAMConfig</c>) at v0.9.4.
/// </summary>
public sealed class WhereaboutsIpamBuilder : IpamBuilder
{
    private readonly List<Located<string>> _exclude = [];

    internal WhereaboutsIpamBuilder(string range, SourceLocation source) : base(source) => Range = new(range, source);

    internal Located<string> Range { get; }
    internal Located<string>? First { get; private set; }
    internal Located<string>? Last { get; private set; }
    internal Located<string>? GatewayText { get; private set; }
    internal Located<string>? PoolNetworkName { get; private set; }
    internal IReadOnlyList<Located<string>> Excluded => _exclude;

    /// <summary>
    /// First address handed out (whereabouts <c>range_start</c>), inside the range (GITOPS176: whereabouts would
    /// silently ignore it); default: the range's first host. After <see cref="RangeEnd"/> is GITOPS121.
    /// </summary>
    public WhereaboutsIpamBuilder RangeStart(string address, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        First = new(address, new(file, line));
        return this;
    }

    /// <summary>Last address handed out (whereabouts <c>range_end</c>), inside the range (GITOPS176); default: the range's last host.</summary>
    public WhereaboutsIpamBuilder RangeEnd(string address, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Last = new(address, new(file, line));
        return this;
    }

    /// <summary>
    /// A CIDR (or one address) whereabouts never hands out (one entry of <c>exclude</c>); call once per entry. It must
    /// lie inside the range (GITOPS176): whereabouts itself does not check (README, "Note 1").
    /// </summary>
    public WhereaboutsIpamBuilder Exclude(string cidr, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _exclude.Add(new(cidr, new(file, line)));
        return this;
    }

    /// <summary>
    /// The <c>gateway</c> whereabouts reports in its result (v0.9.4 <c>cmd/whereabouts.go</c> <c>cmdAdd</c>: the result's
    /// gateway, with no route added, <c>result.Routes = Config.Routes</c>), so the pod gets no default route through it;
    /// inside the network's subnet (GITOPS103). Default: none.
    /// </summary>
    public WhereaboutsIpamBuilder Gateway(string address, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        GatewayText = new(address, new(file, line));
        return this;
    }

    /// <summary>
    /// Whereabouts' <c>network_name</c>: pools are keyed by network name and range, so attachments with different names
    /// allocate the same range independently (README, "Network names"): overlapping ranges on one lab network with
    /// different names are GITOPS177. A DNS label (GITOPS100); default: none (one shared pool per range).
    /// </summary>
    public WhereaboutsIpamBuilder NetworkName(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        PoolNetworkName = new(name, new(file, line));
        return this;
    }
}
