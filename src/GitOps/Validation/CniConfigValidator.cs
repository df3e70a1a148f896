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
                var root = document.RootElement;
                var isList = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("plugins", out _);
                reporter.Evaluate(isList ? catalog.CniConfList : catalog.CniNetConf, root, SchemaFamily.Cni, prefix, subject, output);
                foreach (var (pluginPointer, type) in PluginTypes(root, ""))
                {
                    if (!catalog.CniPluginTypes.Contains(type))
                    {
                        output.Add(new Diagnostic(
                            DiagnosticCodes.NoSchemaForCniPlugin,
                            DiagnosticSeverity.Warning,
                            prefix + pluginPointer + "/type",
                            $"{subject}: no schema for CNI plugin type '{type}'; only its 'type' was checked."));
                    }
                }

                if (multus is not null)
                {
                    foreach (var (versionPointer, version) in CniVersions(root, ""))
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

    /// <summary>Every plugin object's type: a list's plugins, a single config, and a Multus config's delegates.</summary>
    private static IEnumerable<(string Pointer, string Type)> PluginTypes(JsonElement config, string pointer)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (config.TryGetProperty("plugins", out var plugins) && plugins.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var plugin in plugins.EnumerateArray())
            {
                foreach (var found in PluginTypes(plugin, $"{pointer}/plugins/{i++}"))
                {
                    yield return found;
                }
            }

            yield break;
        }

        if (config.GetString("type") is { } type)
        {
            yield return (pointer, type);
        }

        foreach (var (delegatePointer, @delegate) in Delegates(config, pointer))
        {
            foreach (var found in PluginTypes(@delegate, delegatePointer))
            {
                yield return found;
            }
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
