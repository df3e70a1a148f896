using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Diagnostics;

namespace GitOps.Validation;

/// <summary>
/// CNI configurations travel as JSON strings inside Kubernetes objects: the Multus ConfigMap's
/// <c>cni-conf.json</c> (and any <c>*.conflist</c> key) and a NetworkAttachmentDefinition's <c>spec.config</c>.
/// Each is parsed, taken as its reader takes it (nulls unset; a NAD's missing name filled in from the NAD, as
/// Multus does; Calico's usePodCidr placeholders resolved), validated against the CNI schemas (a list when it
/// has "plugins", else a single config, Multus's own included), checked for plugin and IPAM types without a
/// schema (warning), and, when the set's Multus version is known, for what that Multus cannot read (a newer
/// cniVersion, string booleans in a list). Paths continue into the string:
/// <c>file#/spec/config/plugins/0/ipam/type</c>.
/// </summary>
internal sealed class CniConfigValidator(SchemaCatalog catalog, SchemaErrorReporter reporter)
{
    /// <summary>The plugin and IPAM types the catalog has schemas for: a config's <c>type</c> that is one of them is read as
    /// the catalog's own string (compared in place), so a known type makes no string per plugin.</summary>
    private readonly string[] knownTypes = [.. catalog.CniPlugins.Keys.Concat(catalog.CniIpams.Keys).Distinct(StringComparer.Ordinal)];

    public void Check(JsonElement obj, string file, ObjectSubject subject, Version? multus, List<Diagnostic> output)
    {
        if (obj.IsString("apiVersion", "v1"u8) && obj.IsString("kind", "ConfigMap"u8) && obj.Get("data") is { ValueKind: JsonValueKind.Object } data)
        {
            foreach (var entry in data.EnumerateObject())
            {
                if ((entry.Name == "cni-conf.json" || entry.Name.EndsWith(".conflist", StringComparison.Ordinal)) && entry.Value.ValueKind == JsonValueKind.String)
                {
                    CheckText(entry.Value, JsonPointerText.Append("/data", entry.Name), networkName: null, file, subject, multus, output);
                }
            }
        }
        else if (obj.IsString("apiVersion", "k8s.cni.cncf.io/v1"u8) && obj.IsString("kind", "NetworkAttachmentDefinition"u8) &&
            obj.Get("spec", "config") is { ValueKind: JsonValueKind.String } config && !config.ValueEquals(""u8))
        {
            // An empty config is legal: Multus then reads the network's file from its confDir by name.
            CheckText(config, "/spec/config", obj.Get("metadata", "name"), file, subject, multus, output);
        }
    }

    /// <summary>One CNI JSON string (<paramref name="text"/>, a JSON string value at <paramref name="pointer"/>) parsed from its
    /// unescaped UTF-8 in a pooled buffer (no string copy of a config), then checked; <paramref name="networkName"/> is the
    /// NAD's <c>metadata.name</c> (read only if the config has no name).</summary>
    private void CheckText(JsonElement text, string pointer, JsonElement? networkName, string file, ObjectSubject subject, Version? multus, List<Diagnostic> output)
    {
        var prefix = new ReportPath(file, pointer);
        var raw = JsonMarshal.GetRawUtf8Value(text); // the quoted, escaped string as it stands in the object's JSON
        var utf8 = ArrayPool<byte>.Shared.Rent(raw.Length);
        var owned = new List<JsonDocument>(1);
        try
        {
            var reader = new Utf8JsonReader(raw);
            reader.Read();
            var length = reader.CopyString(utf8);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(utf8.AsMemory(0, length), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            }
            catch (JsonException e)
            {
                output.Add(new Diagnostic(
                    DiagnosticCodes.CniConfigNotJson,
                    DiagnosticSeverity.Error,
                    prefix.ToString(),
                    $"{subject}: {JsonPointerText.ToDotted(pointer)} is not valid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}. " +
                    "Fix: the config must be exactly one JSON object (check braces: each plugin is its own object in \"plugins\", not nested in the previous one); build it from the typed plugin configs."));
                return;
            }

            owned.Add(document);
            var config = AsMultusReadsIt(document.RootElement, networkName, owned);
            ValidateConfig(config, prefix, subject, output, owned);
            if (multus is not null)
            {
                MultusRules(config, prefix, subject, multus, output);
            }
        }
        finally
        {
            foreach (var owner in owned)
            {
                owner.Dispose(); // before the buffer goes back: the first document reads it
            }

            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>
    /// The config as the plugins will read it: Go's encoding/json leaves a field given as <c>null</c> unset
    /// (<see cref="NullValues"/>), and for a NetworkAttachmentDefinition Multus fills in a missing or empty
    /// <c>"name"</c> with the NAD's own name before anything reads it (network-attachment-definition-client
    /// pkg/utils/cniconfig.go <c>GetCNIConfigFromSpec</c>, vendored by Multus v3.9.3 and used by v4.x).
    /// </summary>
    private static JsonElement AsMultusReadsIt(JsonElement config, JsonElement? networkName, List<JsonDocument> owned)
    {
        if (NullValues.Contains(config))
        {
            config = NullValues.WithoutNullProperties(config, owned);
        }

        if (networkName is { ValueKind: JsonValueKind.String } nadName && config.ValueKind == JsonValueKind.Object && (config.Get("name") is not { ValueKind: JsonValueKind.String } name || name.ValueEquals(""u8)))
        {
            var node = JsonNode.Parse(config.GetRawText())!.AsObject();
            node["name"] = nadName.GetString();
            var named = JsonDocument.Parse(node.ToJsonString());
            owned.Add(named);
            config = named.RootElement;
        }

        return config;
    }

    /// <summary>What the set's Multus version cannot read: string booleans in a list, then a newer cniVersion, each in the
    /// config and every Multus delegate in it (each is a config Multus reads), depth first.</summary>
    private static void MultusRules(JsonElement config, ReportPath prefix, ObjectSubject subject, Version multus, List<Diagnostic> output)
    {
        var rule = new RuleContext(prefix, subject, multus, output);
        ForEachConfigMultusReads(config, "", rule, static (list, pointer, r) => StringBooleanRule(list, pointer, r.Prefix, r.Subject, r.Multus, r.Output));
        ForEachConfigMultusReads(config, "", rule, static (each, pointer, r) => CniVersionRule(each, pointer, r.Prefix, r.Subject, r.Multus, r.Output));
    }

    /// <summary>What a Multus rule reports with (passed to static visitors, so checking a config allocates no closure).</summary>
    private readonly record struct RuleContext(ReportPath Prefix, ObjectSubject Subject, Version Multus, List<Diagnostic> Output);

    /// <summary>Visits <paramref name="config"/> (an object) and, depth first, every Multus delegate in it, with its pointer.</summary>
    private static void ForEachConfigMultusReads(JsonElement config, string pointer, RuleContext rule, Action<JsonElement, string, RuleContext> visit)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        visit(config, pointer, rule);
        if (MultusDelegates(config) is { } delegates)
        {
            var i = 0;
            foreach (var @delegate in delegates.EnumerateArray())
            {
                ForEachConfigMultusReads(@delegate, $"{pointer}/delegates/{i++}", rule, visit);
            }
        }
    }

    private static void StringBooleanRule(JsonElement list, string listPointer, ReportPath prefix, ObjectSubject subject, Version multus, List<Diagnostic> output)
    {
        if (MultusImageVersion.ReadsStringBooleans(multus) || !list.TryGetProperty("plugins", out _))
        {
            return;
        }

        foreach (var key in ListBooleans)
        {
            if (list.GetString(key) is { } text)
            {
                output.Add(new Diagnostic(
                    DiagnosticCodes.CniStringBooleanUnsupportedByMultus,
                    DiagnosticSeverity.Error,
                    prefix + listPointer + "/" + key,
                    $"{subject}: {key} \"{text}\" is a string; Multus {multus.ToString(3)} reads configuration lists with libcni {MultusImageVersion.LibcniOf(multus)}, which accepts only a JSON boolean there " +
                    $"(strings are read from libcni v1.2.1, Multus v{MultusImageVersion.FirstReadingStringBooleans.ToString(3)}). Fix: write {key}: {(text.Equals("true", StringComparison.OrdinalIgnoreCase) ? "true" : "false")} without quotes."));
            }
        }
    }

    private static void CniVersionRule(JsonElement config, string pointer, ReportPath prefix, ObjectSubject subject, Version multus, List<Diagnostic> output)
    {
        if (config.GetString("cniVersion") is { } version && !MultusImageVersion.ReadsCniVersion(multus, version))
        {
            output.Add(new Diagnostic(
                DiagnosticCodes.CniVersionUnsupportedByMultus,
                DiagnosticSeverity.Error,
                prefix + pointer + "/cniVersion",
                $"{subject}: cniVersion \"{version}\" cannot be read by Multus {multus.ToString(3)} (Multus 3.x reads CNI configs up to {MultusImageVersion.Multus3MaxCniVersion.ToString(3)}). " +
                $"Fix: use cniVersion \"{MultusImageVersion.Multus3MaxCniVersion.ToString(3)}\", or deploy Multus v4."));
        }
    }

    /// <summary>A whole network configuration: a list (envelope, then each plugin) or a single plugin config.</summary>
    private void ValidateConfig(JsonElement config, ReportPath prefix, ObjectSubject subject, List<Diagnostic> output, List<JsonDocument> owned)
    {
        if (config.ValueKind == JsonValueKind.Object && config.TryGetProperty("plugins", out var plugins))
        {
            // The list's "name" is each NetworkAttachmentDefinition's own; the rest repeats (conflist.schema.json reads
            // "name" only through properties/name, CniListShapeTests hold it to that).
            reporter.EvaluateRepeatingExcept(catalog.CniConfList, catalog.CniListNameSetAside, config, SchemaFamily.Cni, prefix, subject, output);
            if (plugins.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var plugin in plugins.EnumerateArray())
                {
                    ValidatePlugin(plugin, new PluginPath(prefix, i++), subject, output, owned);
                }
            }
        }
        else
        {
            reporter.Evaluate(catalog.CniNetConf, config, SchemaFamily.Cni, prefix, subject, output);
            ValidatePlugin(config, new PluginPath(prefix, null), subject, output, owned);
        }
    }

    /// <summary>
    /// One plugin object against its type's schema, its ipam against the IPAM type's schema, and a Multus
    /// config's delegates as whole configurations. (Dispatching here rather than with if/then in the schemas
    /// evaluates each object once against one schema: about half the time, and one error per problem.)
    /// </summary>
    private void ValidatePlugin(JsonElement plugin, PluginPath path, ObjectSubject subject, List<Diagnostic> output, List<JsonDocument> owned)
    {
        if (TypeOf(plugin) is not { } type)
        {
            return; // the envelope schema reports the missing or non-string type
        }

        if (catalog.CniPlugins.TryGetValue(type, out var schema))
        {
            plugin = GoJsonKeys.Canonical(plugin, catalog.CniPluginFields[type], owned);
            if (!reporter.IsKnownValid(schema, plugin))
            {
                reporter.EvaluateRepeating(schema, plugin, SchemaFamily.Cni, path.Path, subject, output);
            }
        }
        else
        {
            output.Add(new Diagnostic(
                DiagnosticCodes.NoSchemaForCniPlugin,
                DiagnosticSeverity.Warning,
                $"{path}/type",
                $"{subject}: no schema for CNI plugin type '{type}'; only its 'type' was checked."));
        }

        if (plugin.Get("ipam") is { } ipamConfig && TypeOf(ipamConfig) is { } ipamType && !(type == "calico" && ipamType == "calico-ipam"))
        {
            // calico-ipam is part of the calico plugin and checked by its schema (calico.schema.json).
            if (catalog.CniIpams.TryGetValue(ipamType, out var ipamSchema))
            {
                var ipam = GoJsonKeys.Canonical(plugin.Get("ipam")!.Value, catalog.CniIpamFields[ipamType], owned);
                if (type == "calico" && ipamType == "host-local")
                {
                    ipam = CalicoPodCidr.Substituted(ipam, owned);
                }

                if (!reporter.IsKnownValid(ipamSchema, ipam))
                {
                    reporter.EvaluateRepeating(ipamSchema, ipam, SchemaFamily.Cni, path.Path.Append("/ipam"), subject, output);
                }
            }
            else
            {
                output.Add(new Diagnostic(
                    DiagnosticCodes.NoSchemaForCniPlugin,
                    DiagnosticSeverity.Warning,
                    $"{path}/ipam/type",
                    $"{subject}: no schema for CNI IPAM type '{ipamType}'; only its 'type' was checked."));
            }
        }

        if (MultusDelegates(plugin) is { } delegates)
        {
            var i = 0;
            foreach (var @delegate in delegates.EnumerateArray())
            {
                ValidateConfig(@delegate, path.Path.Append($"/delegates/{i++}"), subject, output, owned);
            }
        }
    }

    /// <summary>The config's <c>type</c> when it is a string: a known type as the catalog's own string, another one read anew.</summary>
    private string? TypeOf(JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object || !config.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        foreach (var known in knownTypes)
        {
            if (type.ValueEquals(known))
            {
                return known;
            }
        }

        return type.GetString();
    }

    /// <summary>The list-level booleans libcni reads with <c>readBool</c> (containernetworking/cni libcni/conf.go <c>ConfListFromBytes</c>).</summary>
    private static readonly string[] ListBooleans = ["disableCheck", "disableGC", "loadOnlyInlinedPlugins"];

    /// <summary>A Multus config's <c>delegates</c> (each a whole config Multus reads), or null for any other config.</summary>
    private static JsonElement? MultusDelegates(JsonElement config) =>
        config.IsString("type", "multus"u8) && config.TryGetProperty("delegates", out var delegates) && delegates.ValueKind == JsonValueKind.Array
            ? delegates
            : null;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.');
    }

    /// <summary>A plugin's path (<c>file#/spec/config/plugins/0</c>, or the config's own for a single-plugin config), made
    /// only where a report or a first evaluation needs it: valid plugins, the rule in a large lab, make no string.</summary>
    private readonly record struct PluginPath(ReportPath Config, int? Index)
    {
        public ReportPath Path => Index is { } i ? Config.Append($"/plugins/{i}") : Config;

        public override string ToString() => Path.ToString();
    }
}
