using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RouteFix.Cni;

/// <summary>
/// Reads and writes the CNI JSON with System.Text.Json's reader and writer (JsonDocument, Utf8JsonWriter).
/// No JsonSerializer: its metadata pulls reflection into the NativeAOT image (measured: 2.56 MB with the source
/// generator, under 2 MB without). Field names are SPEC.md's; unknown fields are ignored, null means absent,
/// and a field of the wrong type is code 7 naming its JSON path. A plugin reads its own configuration fields with
/// the public readers (<see cref="String"/>, <see cref="Bool"/>, <see cref="Array{T}"/>, <see cref="PrevResult"/>).
/// </summary>
public static class CniJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // quotes as \", no \u0022
    };

    /// <summary>The configuration's <c>prevResult</c> (null when absent or JSON null), read at <c>$.prevResult</c>.</summary>
    public static ResultJson? PrevResult(JsonElement root) =>
        Property(root, "prevResult") is { } prev ? ReadResult(prev, "$.prevResult") : null;

    public static ResultJson ReadResult(JsonElement element, string path = "$")
    {
        ExpectObject(element, path, "a CNI result object");
        return new ResultJson
        {
            CniVersion = String(element, "cniVersion", path),
            Interfaces = Array(element, "interfaces", path, "an array", (e, p) =>
            {
                ExpectObject(e, p, "an object");
                return new InterfaceJson
                {
                    Name = String(e, "name", p),
                    Mac = String(e, "mac", p),
                    Mtu = Int(e, "mtu", p),
                    Sandbox = String(e, "sandbox", p),
                    SocketPath = String(e, "socketPath", p),
                    PciId = String(e, "pciID", p),
                };
            }),
            Ips = Array(element, "ips", path, "an array", (e, p) =>
            {
                ExpectObject(e, p, "an object");
                return new IpConfigJson
                {
                    Version = String(e, "version", p),
                    Address = String(e, "address", p),
                    Gateway = String(e, "gateway", p),
                    Interface = Int(e, "interface", p),
                };
            }),
            Routes = Array(element, "routes", path, "an array", (e, p) =>
            {
                ExpectObject(e, p, "an object");
                return new RouteJson
                {
                    Dst = String(e, "dst", p),
                    Gw = String(e, "gw", p),
                    Mtu = Int(e, "mtu", p),
                    AdvMss = Int(e, "advmss", p),
                    Priority = Int(e, "priority", p),
                    Table = Int(e, "table", p),
                    Scope = Int(e, "scope", p),
                };
            }),
            Dns = Property(element, "dns") is { } dns ? ReadDns(dns, path + ".dns") : null,
        };
    }

    private static DnsJson ReadDns(JsonElement element, string path)
    {
        ExpectObject(element, path, "an object");
        return new DnsJson
        {
            Nameservers = Strings(element, "nameservers", path),
            Domain = String(element, "domain", path),
            Search = Strings(element, "search", path),
            Options = Strings(element, "options", path),
        };
    }

    public static string Write(ResultJson result) => Write(w =>
    {
        w.WriteStartObject();
        WriteString(w, "cniVersion", result.CniVersion);
        WriteArray(w, "interfaces", result.Interfaces, (w, i) =>
        {
            w.WriteStartObject();
            WriteString(w, "name", i.Name);
            WriteString(w, "mac", i.Mac);
            WriteInt(w, "mtu", i.Mtu);
            WriteString(w, "sandbox", i.Sandbox);
            WriteString(w, "socketPath", i.SocketPath);
            WriteString(w, "pciID", i.PciId);
            w.WriteEndObject();
        });
        WriteArray(w, "ips", result.Ips, (w, ip) =>
        {
            w.WriteStartObject();
            WriteString(w, "version", ip.Version);
            WriteString(w, "address", ip.Address);
            WriteString(w, "gateway", ip.Gateway);
            WriteInt(w, "interface", ip.Interface);
            w.WriteEndObject();
        });
        WriteArray(w, "routes", result.Routes, (w, r) =>
        {
            w.WriteStartObject();
            WriteString(w, "dst", r.Dst);
            WriteString(w, "gw", r.Gw);
            WriteInt(w, "mtu", r.Mtu);
            WriteInt(w, "advmss", r.AdvMss);
            WriteInt(w, "priority", r.Priority);
            WriteInt(w, "table", r.Table);
            WriteInt(w, "scope", r.Scope);
            w.WriteEndObject();
        });
        if (result.Dns is { } dns)
        {
            w.WriteStartObject("dns");
            WriteArray(w, "nameservers", dns.Nameservers, (w, s) => w.WriteStringValue(s));
            WriteString(w, "domain", dns.Domain);
            WriteArray(w, "search", dns.Search, (w, s) => w.WriteStringValue(s));
            WriteArray(w, "options", dns.Options, (w, s) => w.WriteStringValue(s));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    });

    public static string Write(ErrorJson error) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("cniVersion", error.CniVersion);
        w.WriteNumber("code", error.Code);
        w.WriteString("msg", error.Msg);
        WriteString(w, "details", error.Details);
        w.WriteEndObject();
    });

    public static string Write(VersionInfoJson info) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("cniVersion", info.CniVersion);
        WriteArray(w, "supportedVersions", info.SupportedVersions, (w, v) => w.WriteStringValue(v));
        w.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteArray<T>(Utf8JsonWriter w, string name, IReadOnlyList<T?>? items, Action<Utf8JsonWriter, T> write)
    {
        if (items is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var item in items)
        {
            if (item is null)
            {
                w.WriteNullValue();
            }
            else
            {
                write(w, item);
            }
        }

        w.WriteEndArray();
    }

    /// <summary>A property's value; null when absent or JSON null (null means absent).</summary>
    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A string field at <paramref name="path"/>.<paramref name="name"/>; code 7 when it is not a string.</summary>
    public static string? String(JsonElement obj, string name, string path) => Property(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { } e => throw WrongType($"{path}.{name}", "a string", e),
    };

    /// <summary>A true/false field; code 7 otherwise.</summary>
    public static bool? Bool(JsonElement obj, string name, string path) => Property(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { } e => throw WrongType($"{path}.{name}", "true or false", e),
    };

    /// <summary>A 32-bit integer field; code 7 otherwise.</summary>
    public static int? Int(JsonElement obj, string name, string path) => Property(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
        { } e => throw WrongType($"{path}.{name}", "an integer", e),
    };

    private static List<string?>? Strings(JsonElement obj, string name, string path) =>
        Array(obj, name, path, "an array of strings", (e, p) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw WrongType(p, "a string", e));

    /// <summary>An array field, each non-null item read by <paramref name="read"/> with its path ("$.routes[0]"); code 7 when not an array.</summary>
    public static List<T?>? Array<T>(JsonElement obj, string name, string path, string expected, Func<JsonElement, string, T> read)
        where T : class
    {
        if (Property(obj, name) is not { } array)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw WrongType($"{path}.{name}", expected, array);
        }

        var list = new List<T?>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.Null ? null : read(item, $"{path}.{name}[{index}]"));
            index++;
        }

        return list;
    }

    /// <summary>Code 7 unless <paramref name="element"/> is an object.</summary>
    public static void ExpectObject(JsonElement element, string path, string expected)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(path, expected, element);
        }
    }

    private static CniException WrongType(string path, string expected, JsonElement found) => new(
        CniErrorCodes.InvalidNetworkConfig,
        $"invalid network config: {path} has the wrong type",
        $"expected {expected}, found {Describe(found)}");

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "the string " + Shorten(element.GetRawText()),
        JsonValueKind.Number => "the number " + Shorten(element.GetRawText()),
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
