using System.Globalization;
using System.Text;

namespace GitOps.Hosts;

/// <summary>
/// The writer for <see cref="FrrConfig"/>: FRR's configuration syntax as <c>vtysh</c> writes it (a <c>!</c> line between
/// blocks, one space of indent per level, <c>exit</c> closing a block; docs.frrouting.org/en/stable-8.4/basic.html
/// "Config Commands"), LF, one trailing newline. Names must be single words (FRR splits commands on spaces); the
/// description is the rest of its line.
/// </summary>
internal static class FrrRenderer
{
    public static string Render(FrrConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var text = new StringBuilder();
        void Line(string line)
        {
            Check(!line.Any(char.IsControl), $"line '{line}'");
            text.Append(line).Append('\n');
        }

        foreach (var comment in config.Header)
        {
            Line("! " + comment);
        }

        Line($"frr defaults {Word(config.Defaults)}");
        Line("!");
        foreach (var entry in config.PrefixList)
        {
            Line($"ip prefix-list {Word(entry.List)} seq {Number(entry.Sequence)} permit {entry.Prefix} le {Number(entry.MaxLength)}");
        }

        Line("!");
        foreach (var map in config.RouteMaps)
        {
            Line($"route-map {Word(map.Name)} {(map.Permit ? "permit" : "deny")} {Number(map.Order)}");
            if (map.MatchPrefixList is { } list)
            {
                Line($" match ip address prefix-list {Word(list)}");
            }

            Line("exit");
            Line("!");
        }

        var router = config.Router;
        var group = Word(router.PeerGroup.Name);
        Line($"router bgp {Number(router.AsNumber)}");
        Line($" bgp router-id {router.RouterId}");
        Line($" neighbor {group} peer-group");
        Line($" neighbor {group} remote-as {Number(router.PeerGroup.RemoteAs)}");
        Line($" neighbor {group} description {router.PeerGroup.Description}");
        Line($" bgp listen range {router.ListenRange} peer-group {group}");
        Line(" !");
        Line(" address-family ipv4 unicast");
        Line($"  neighbor {group} route-map {Word(router.PeerGroup.ImportRouteMap)} in");
        Line($"  neighbor {group} route-map {Word(router.PeerGroup.ExportRouteMap)} out");
        Line(" exit-address-family");
        Line("exit");
        Line("!");
        return text.ToString();
    }

    private static string Word(string word)
    {
        Check(word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)), $"name '{word}'");
        return word;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Check(bool ok, string what)
    {
        if (!ok)
        {
            throw new ArgumentException($"The FRR {what} cannot be written to frr.conf.");
        }
    }
}
