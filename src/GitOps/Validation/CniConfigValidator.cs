using System.Text.Json;
using GitOps.Diagnostics;

namespace GitOps.Validation;

/// <summary>
/// CNI configurations travel as JSON strings inside Kubernetes objects: the Multus ConfigMap's
/// <c>cni-conf.json</c> (and any <c>*.conflist</c> key) and a NetworkAttachmentDefinition's <c>spec.config</c>.
/// Each is parsed, validated against the CNI schemas (a list when it has "plugins", else a single config,
/// Multus's own included), checked for plugin types without a schema, and, when the set's Multus version is
/// known, for cniVersions that Multus cannot read. Paths continue into the string:
/// <c>file#/spec/config/plugins/0/ipam/type</c>.
/// </summary>
internal sealed class CniConfigValidator(SchemaCatalog catalog, SchemaErrorReporter reporter)
{
    public void Check(JsonElement obj, string file, string subject, Version? multus, List<Diagnostic> output)
    {
        foreach (var (pointer, text) in Locate(obj))
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

            using (document)
            {
                ValidateConfig(document.RootElement, prefix, subject, output);
                if (multus is not null)
                {
                    foreach (var (versionPointer, version) in CniVersions(document.RootElement, ""))
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
            }
        }
    }

    /// <summary>A whole network configuration: a list (envelope, then each plugin) or a single plugin config.</summary>
    private void ValidateConfig(JsonElement config, string prefix, string subject, List<Diagnostic> output)
    {
        if (config.ValueKind == JsonValueKind.Object && config.TryGetProperty("plugins", out var plugins))
        {
            reporter.Evaluate(catalog.CniConfList, config, SchemaFamily.Cni, prefix, subject, output);
            if (plugins.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var plugin in plugins.EnumerateArray())
                {
                    ValidatePlugin(plugin, $"{prefix}/plugins/{i++}", subject, output);
                }
            }
        }
        else
        {
            reporter.Evaluate(catalog.CniNetConf, config, SchemaFamily.Cni, prefix, subject, output);
            ValidatePlugin(config, prefix, subject, output);
        }
    }

    /// <summary>
    /// One plugin object against its type's schema, its ipam against the IPAM type's schema, and a Multus
    /// config's delegates as whole configurations. (Dispatching here rather than with if/then in the schemas
    /// evaluates each object once against one schema: about half the time, and one error per problem.)
    /// </summary>
    private void ValidatePlugin(JsonElement plugin, string prefix, string subject, List<Diagnostic> output)
    {
        if (plugin.GetString("type") is not { } type)
        {
            return; // the envelope schema reports the missing or non-string type
        }

        if (catalog.CniPlugins.TryGetValue(type, out var schema))
        {
            reporter.Evaluate(schema, plugin, SchemaFamily.Cni, prefix, subject, output);
        }
        else
        {
            output.Add(new Diagnostic(
                DiagnosticCodes.NoSchemaForCniPlugin,
                DiagnosticSeverity.Warning,
                prefix + "/type",
                $"{subject}: no schema for CNI plugin type '{type}'; only its 'type' was checked."));
        }

        if (plugin.GetString("ipam", "type") is { } ipamType && catalog.CniIpams.TryGetValue(ipamType, out var ipamSchema))
        {
            reporter.Evaluate(ipamSchema, plugin.Get("ipam")!.Value, SchemaFamily.Cni, prefix + "/ipam", subject, output);
        }

        foreach (var (delegatePointer, @delegate) in Delegates(plugin, ""))
        {
            ValidateConfig(@delegate, prefix + delegatePointer, subject, output);
        }
    }

    /// <summary>The CNI JSON strings inside one object, with their JSON pointers.</summary>
    private static IEnumerable<(string Pointer, string Text)> Locate(JsonElement obj)
    {
        var apiVersion = obj.GetString("apiVersion");
        var kind = obj.GetString("kind");
        if (apiVersion == "v1" && kind == "ConfigMap" && obj.Get("data") is { ValueKind: JsonValueKind.Object } data)
        {
            foreach (var entry in data.EnumerateObject())
            {
                if ((entry.Name == "cni-conf.json" || entry.Name.EndsWith(".conflist", StringComparison.Ordinal)) && entry.Value.ValueKind == JsonValueKind.String)
                {
                    yield return (JsonPointerText.Append("/data", entry.Name), entry.Value.GetString()!);
                }
            }
        }
        else if (apiVersion == "k8s.cni.cncf.io/v1" && kind == "NetworkAttachmentDefinition" &&
            obj.GetString("spec", "config") is { Length: > 0 } config)
        {
            // An empty config is legal: Multus then reads the network's file from its confDir by name.
            yield return ("/spec/config", config);
        }
    }

    /// <summary>The cniVersion of the config itself and of every Multus delegate (each is a config Multus reads).</summary>
    private static IEnumerable<(string Pointer, string Version)> CniVersions(JsonElement config, string pointer)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (config.GetString("cniVersion") is { } version)
        {
            yield return (pointer + "/cniVersion", version);
        }

        foreach (var (delegatePointer, @delegate) in Delegates(config, pointer))
        {
            foreach (var found in CniVersions(@delegate, delegatePointer))
            {
                yield return found;
            }
        }
    }

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
