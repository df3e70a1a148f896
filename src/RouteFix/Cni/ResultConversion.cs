using RouteFix.Addressing;

namespace RouteFix.Cni;

/// <summary>
/// Converts a result between the versions route-fix speaks. 0.3.0, 0.3.1 and 0.4.0 share one shape with
/// <c>ips[].version</c>; 1.0.0 and 1.1.0 drop that field (containernetworking/cni pkg/types/040 and 100, convert.go).
/// </summary>
public static class ResultConversion
{
    public static ResultJson Convert(ResultJson source, string targetVersion)
    {
        if (!CniVersions.IsSupported(targetVersion))
        {
            throw new CniException(CniErrorCodes.IncompatibleCniVersion, "incompatible CNI versions", $"cannot convert a result to version \"{targetVersion}\"");
        }

        var withVersion = CniVersions.HasIpVersionField(targetVersion);
        List<IpConfigJson?>? ips = null;
        if (source.Ips is not null)
        {
            ips = new List<IpConfigJson?>(source.Ips.Count);
            for (var i = 0; i < source.Ips.Count; i++)
            {
                var ip = source.Ips[i] ?? throw CniException.InvalidField($"prevResult.ips[{i}]", "null", "the previous plugin must report {\"address\": \"192.168.2.158/24\", ...}");
                if (!IpPrefix.TryParse(ip.Address, out var address))
                {
                    throw CniException.InvalidField($"prevResult.ips[{i}].address", CniException.Quote(ip.Address), "the previous plugin must report \"address/prefix\"");
                }

                ips.Add(new IpConfigJson
                {
                    Version = withVersion ? (address.IsIPv4 ? "4" : "6") : null,
                    Address = ip.Address,
                    Gateway = ip.Gateway,
                    Interface = ip.Interface,
                });
            }
        }

        return new ResultJson
        {
            CniVersion = targetVersion,
            Interfaces = source.Interfaces,
            Ips = ips,
            Routes = source.Routes,
            Dns = source.Dns,
        };
    }
}
