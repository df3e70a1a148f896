using System.Text.Json.Serialization;
using GitOps.Topology;

using GitOps.Cni;

namespace GitOps.Multus;

/// <summary>
/// multus-daemon's <c>daemon-config.json</c> (thick plugin), key for key as upstream's
/// <c>deployments/multus-daemonset-thick.yml</c> ConfigMap <c>multus-daemon-config</c>; keys are documented in
/// multus-cni <c>docs/thick-plugin.md</c>. <c>multusConfigFile: auto</c> makes the daemon write
/// <c>00-multus.conf</c> (type <c>multus-shim</c>) with Calico's own <c>10-calico.conflist</c> as the delegate, so
/// there is no hand-written delegate to drift from the Installation. Paths are inside the pod.
/// </summary>
internal sealed record MultusDaemonConfig
{
    [JsonPropertyName("chrootDir")]
    public string ChrootDir { get; init; } = MultusDefaults.HostRootMountPath;

    [JsonPropertyName("cniVersion")]
    public required string CniVersion { get; init; }

    [JsonPropertyName("logLevel")]
    public string LogLevel { get; init; } = "verbose";

    [JsonPropertyName("logToStderr")]
    public bool LogToStderr { get; init; } = true;

    [JsonPropertyName("cniConfigDir")]
    public string CniConfigDir { get; init; } = MultusDefaults.HostConfMountPath;

    [JsonPropertyName("multusAutoconfigDir")]
    public string MultusAutoconfigDir { get; init; } = MultusDefaults.HostConfMountPath;

    [JsonPropertyName("multusConfigFile")]
    public string MultusConfigFile { get; init; } = "auto";

    [JsonPropertyName("socketDir")]
    public string SocketDir { get; init; } = "/host/run/multus/";

    public static MultusDaemonConfig Build(Lab lab) => new() { CniVersion = lab.Multus.CniVersion };

    public string ToJson() => CniJson.Serialize(this, JsonOptions);

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = CniJson.WithResolver(MultusJsonContext.Default);
}

/// <summary>The thick daemon's config for <see cref="CniJson"/>, source-generated.</summary>
[JsonSerializable(typeof(MultusDaemonConfig))]
internal sealed partial class MultusJsonContext : JsonSerializerContext;
