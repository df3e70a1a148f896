using System.Net;

namespace GitOps.Hosts;

/// <summary>
/// One router's <c>frr.conf</c> as a typed document (docs.frrouting.org/en/stable-8.4: bgp.html, routemap.html,
/// filter.html): '!' comment lines, the defaults profile, an IPv4 prefix list, route-maps, and one BGP router with a
/// dynamic-neighbour peer-group. Built by <see cref="FrrEmitter"/>, written by <see cref="FrrRenderer"/>.
/// </summary>
/// <param name="Header">Comment lines at the top, without the leading <c>! </c>.</param>
/// <param name="Defaults">The <c>frr defaults</c> profile (<c>traditional</c>).</param>
/// <param name="PrefixList">The entries of the prefix lists, in order.</param>
/// <param name="RouteMaps">The route-maps, in order.</param>
/// <param name="Router">The <c>router bgp</c> block.</param>
internal sealed record FrrConfig(
    IReadOnlyList<string> Header,
    string Defaults,
    IReadOnlyList<FrrPrefixListEntry> PrefixList,
    IReadOnlyList<FrrRouteMap> RouteMaps,
    FrrBgpRouter Router) : Output.ITextFileDocument
{
    /// <inheritdoc/>
    public void WriteText(TextWriter writer) => writer.Write(FrrRenderer.Render(this));
}

/// <summary><c>ip prefix-list &lt;List&gt; seq &lt;Sequence&gt; permit &lt;Prefix&gt; le &lt;MaxLength&gt;</c>.</summary>
internal sealed record FrrPrefixListEntry(string List, int Sequence, IPNetwork Prefix, int MaxLength);

/// <summary>
/// <c>route-map &lt;Name&gt; permit|deny &lt;Order&gt;</c>, with <c>match ip address prefix-list &lt;MatchPrefixList&gt;</c>
/// when set, closed by <c>exit</c>.
/// </summary>
internal sealed record FrrRouteMap(string Name, bool Permit, int Order, string? MatchPrefixList);

/// <summary>
/// <c>router bgp &lt;AsNumber&gt;</c>: <c>bgp router-id</c>, one peer-group whose members come from
/// <c>bgp listen range &lt;ListenRange&gt;</c>, and its IPv4 unicast route-maps in and out.
/// </summary>
internal sealed record FrrBgpRouter(uint AsNumber, IPAddress RouterId, FrrPeerGroup PeerGroup, IPNetwork ListenRange);

/// <summary><c>neighbor &lt;Name&gt; peer-group</c> with its <c>remote-as</c>, <c>description</c> and route-maps.</summary>
internal sealed record FrrPeerGroup(string Name, uint RemoteAs, string Description, string ImportRouteMap, string ExportRouteMap);
