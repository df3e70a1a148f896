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
    public void Check(JsonElement obj, string file, string subject, Version? multus, List<Diagnostic> output)
    {
        foreach (var (pointer, text, networkName) in Locate(obj))
        {
            var prefix = file + "#" + pointer;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
            }
            catch (JsonException e)
            {
                output.Add(new Diagnostic(
                    DiagnosticCodes.CniConfigNotJson,
                    DiagnosticSeverity.Error,
                    prefix,
                    $"{subject}: {JsonPointerText.ToDotted(pointer)} is not valid JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}. " +
                    "Fix: the config must be exactly one JSON object (check braces: each plugin is its own object in \"plugins\", not nested in the previous one); build it from the typed plugin configs."));
                continue;
            }

            var owned = new List<JsonDocument> { document };
            try
            {
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
                    owner.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// The config as the plugins will read it: Go's encoding/json leaves a field given as <c>null</c> unset
    /// (<see cref="NullValues"/>), and for a NetworkAttachmentDefinition Multus fills in a missing or empty
    /// <c>"name"</c> with the NAD's own name before anything reads it (network-attachment-definition-client
    /// pkg/utils/cniconfig.go <c>GetCNIConfigFromSpec</c>, vendored by Multus v3.9.3 and used by v4.x).
    /// </summary>
    private static JsonElement AsMultusReadsIt(JsonElement config, string? networkName, List<JsonDocument> owned)
    {
        if (NullValues.Contains(config))
        {
            config = NullValues.WithoutNullProperties(config, owned);
        }

        if (networkName is not null && config.ValueKind == JsonValueKind.Object && config.GetString("name") is null or "")
        {
            var node = JsonNode.Parse(config.GetRawText())!.AsObject();
            node["name"] = networkName;
            var named = JsonDocument.Parse(node.ToJsonString());
            owned.Add(named);
            config = named.RootElement;
        }

        return config;
    }

    /// <summary>What the set's Multus version cannot read: a newer cniVersion, and string booleans in a list.</summary>
    private static void MultusRules(JsonElement config, string prefix, string subject, Version multus, List<Diagnostic> output)
    {
        foreach (var (listPointer, list) in ConfigsMultusReads(config, ""))
        {
            if (!MultusImageVersion.ReadsStringBooleans(multus) && list.ValueKind == JsonValueKind.Object && list.TryGetProperty("plugins", out _))
            {
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
        }

        foreach (var (versionPointer, version) in CniVersions(config))
        {
            if (!MultusImageVersion.ReadsCniVersion(multus, version))
            {
                output.Add(new Diagnostic(
                    DiagnosticCodes.CniVersionUnsupportedByMultus,
                    DiagnosticSeverity.Error,
                    prefix + versionPointer,
                    $"{subject}: cniVersion \"{version}\" cannot be read by Multus {multus.ToString(3)} (Multus 3.x reads CNI configs up to {MultusImageVersion.Multus3MaxCniVersion.ToString(3)}). " +
                    $"Fix: use cniVersion \"{MultusImageVersion.Multus3MaxCniVersion.ToString(3)}\", or deploy Multus v4."));
            }
        }
    }

    /// <summary>A whole network configuration: a list (envelope, then each plugin) or a single plugin config.</summary>
    private void ValidateConfig(JsonElement config, string prefix, string subject, List<Diagnostic> output, List<JsonDocument> owned)
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
                    ValidatePlugin(plugin, $"{prefix}/plugins/{i++}", subject, output, owned);
                }
            }
        }
        else
        {
            reporter.Evaluate(catalog.CniNetConf, config, SchemaFamily.Cni, prefix, subject, output);
            ValidatePlugin(config, prefix, subject, output, owned);
        }
    }

    /// <summary>
    /// One plugin object against its type's schema, its ipam against the IPAM type's schema, and a Multus
    /// config's delegates as whole configurations. (Dispatching here rather than with if/then in the schemas
    /// evaluates each object once against one schema: about half the time, and one error per problem.)
    /// </summary>
    private void ValidatePlugin(JsonElement plugin, string prefix, string subject, List<Diagnostic> output, List<JsonDocument> owned)
    {
        if (plugin.GetString("type") is not { } type)
        {
            return; // the envelope schema reports the missing or non-string type
        }

        if (catalog.CniPlugins.TryGetValue(type, out var schema))
        {
            plugin = GoJsonKeys.Canonical(plugin, catalog.CniPluginFields[type], owned);
            reporter.EvaluateRepeating(schema, plugin, SchemaFamily.Cni, prefix, subject, output);
        }
        else
        {
            output.Add(new Diagnostic(
                DiagnosticCodes.NoSchemaForCniPlugin,
                DiagnosticSeverity.Warning,
                prefix + "/type",
                $"{subject}: no schema for CNI plugin type '{type}'; only its 'type' was checked."));
        }

        if (plugin.GetString("ipam", "type") is { } ipamType && !(type == "calico" && ipamType == "calico-ipam"))
        {
            // calico-ipam is part of the calico plugin and checked by its schema (calico.schema.json).
            if (catalog.CniIpams.TryGetValue(ipamType, out var ipamSchema))
            {
                var ipam = GoJsonKeys.Canonical(plugin.Get("ipam")!.Value, catalog.CniIpamFields[ipamType], owned);
                if (type == "calico" && ipamType == "host-local")
                {
                    ipam = CalicoPodCidr.Substituted(ipam, owned);
                }

                reporter.EvaluateRepeating(ipamSchema, ipam, SchemaFamily.Cni, prefix + "/ipam", subject, output);
            }
            else
            {
                output.Add(new Diagnostic(
                    DiagnosticCodes.NoSchemaForCniPlugin,
                    DiagnosticSeverity.Warning,
                    prefix + "/ipam/type",
                    $"{subject}: no schema for CNI IPAM type '{ipamType}'; only its 'type' was checked."));
            }
        }

        foreach (var (delegatePointer, @delegate) in Delegates(plugin, ""))
        {
            ValidateConfig(@delegate, prefix + delegatePointer, subject, output, owned);
        }
    }

    /// <summary>The CNI JSON strings inside one object, with their JSON pointers.</summary>
    private static IEnumerable<(string Pointer, string Text, string? NetworkName)> Locate(JsonElement obj)
    {
        var apiVersion = obj.GetString("apiVersion");
        var kind = obj.GetString("kind");
        if (apiVersion == "v1" && kind == "ConfigMap" && obj.Get("data") is { ValueKind: JsonValueKind.Object } data)
        {
            foreach (var entry in data.EnumerateObject())
            {
                if ((entry.Name == "cni-conf.json" || entry.Name.EndsWith(".conflist", StringComparison.Ordinal)) && entry.Value.ValueKind == JsonValueKind.String)
                {
                    yield return (JsonPointerText.Append("/data", entry.Name), entry.Value.GetString()!, null);
                }
            }
        }
        else if (apiVersion == "k8s.cni.cncf.io/v1" && kind == "NetworkAttachmentDefinition" &&
            obj.GetString("spec", "config") is { Length: > 0 } config)
        {
            // An empty config is legal: Multus then reads the network's file from its confDir by name.
            yield return ("/spec/config", config, obj.GetString("metadata", "name"));
        }
    }

    /// <summary>The list-level booleans libcni reads with <c>readBool</c> (containernetworking/cni libcni/conf.go <c>ConfListFromBytes</c>).</summary>
    private static readonly string[] ListBooleans = ["disableCheck", "disableGC", "loadOnlyInlinedPlugins"];

    /// <summary>The config itself and every Multus delegate in it (each is a config Multus reads).</summary>
    private static IEnumerable<(string Pointer, JsonElement Config)> ConfigsMultusReads(JsonElement config, string pointer)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        yield return (pointer, config);
        foreach (var (delegatePointer, @delegate) in Delegates(config, pointer))
        {
            foreach (var found in ConfigsMultusReads(@delegate, delegatePointer))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<(string Pointer, string Version)> CniVersions(JsonElement config) =>
        ConfigsMultusReads(config, "")
            .Where(c => c.Config.GetString("cniVersion") is not null)
            .Select(c => (c.Pointer + "/cniVersion", c.Config.GetString("cniVersion")!));

    private static IEnumerable<(string Pointer, JsonElement Delegate)> Delegates(JsonElement config, string pointer)
    {
        if (config.GetString("type") == "multus" && config.TryGetProperty("delegates", out var delegates) && delegates.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var @delegate in delegates.EnumerateArray())
            {
                yield return ($"{pointer}/delegates/{i++}", @delegate);
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.');
    }
}
