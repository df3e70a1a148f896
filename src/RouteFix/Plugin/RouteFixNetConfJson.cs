using System.Text.Json;
using RouteFix.Cni;

namespace RouteFix.Plugin;

/// <summary>route-fix's configuration on the wire: the common fields plus its own (see <see cref="RouteFixConfig"/>).</summary>
public sealed class RouteFixNetConfJson : NetConfJson
{
    public bool? Multicast { get; init; }
    public bool? Broadcast { get; init; }
    public bool? RemoveDefaultRoute { get; init; }
    public List<RouteConfigJson?>? Routes { get; init; }

    /// <summary>Reads the fields in this order, so the first wrongly typed one is the one reported (code 7).</summary>
    public static RouteFixNetConfJson Read(JsonElement root)
    {
        var path = "$";
        CniJson.ExpectObject(root, path, "a CNI network configuration object");
        return new RouteFixNetConfJson
        {
            CniVersion = CniJson.String(root, "cniVersion", path),
            Name = CniJson.String(root, "name", path),
            Type = CniJson.String(root, "type", path),
            Multicast = CniJson.Bool(root, "multicast", path),
            Broadcast = CniJson.Bool(root, "broadcast", path),
            RemoveDefaultRoute = CniJson.Bool(root, "removeDefaultRoute", path),
            Routes = CniJson.Array(root, "routes", path, "an array of {\"dst\": \"CIDR\", \"gw\": \"address\"}", (e, p) =>
            {
                CniJson.ExpectObject(e, p, "an object {\"dst\": \"10.0.0.0/24\", \"gw\": \"192.168.2.1\"}");
                return new RouteConfigJson { Dst = CniJson.String(e, "dst", p), Gw = CniJson.String(e, "gw", p) };
            }),
            PrevResult = CniJson.PrevResult(root),
        };
    }

    /// <summary>stdin bytes to the wire shape: code 6 for malformed JSON, code 7 for a wrongly typed field.</summary>
    public static RouteFixNetConfJson Decode(byte[] data) => NetConfDecoder.Decode(data, Read);
}

/// <summary>One extra destination of the plugin config: <c>{"dst":"10.0.0.0/24","gw":"192.168.2.1"}</c>.</summary>
public sealed class RouteConfigJson
{
    public string? Dst { get; init; }
    public string? Gw { get; init; }
}
