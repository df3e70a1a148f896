using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Describes Multus: <c>m.Version(MultusVersion.V3).ConfFile("0-multus.conf")</c>.</summary>
public sealed class MultusBuilder
{
    internal MultusBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal MultusVersion Line { get; private set; } = MultusVersion.V3;
    internal Located<string>? Tag { get; private set; }
    internal Located<string> ConfFileName { get; private set; } = new(MultusSettings.DefaultConfFileName, default);
    internal Located<string> CniVersionText { get; private set; } = new(MultusSettings.DefaultCniVersion, default);
    internal Located<string>? Kubeconfig { get; private set; }

    public MultusBuilder Version(MultusVersion version, string? imageTag = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Line = version;
        Tag = imageTag is null ? null : new(imageTag, new(file, line));
        return this;
    }

    /// <summary>The Multus conf file name; both the DaemonSet argument and the ConfigMap volume item are derived from it.</summary>
    public MultusBuilder ConfFile(string fileName, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ConfFileName = new(fileName, new(file, line));
        return this;
    }

    /// <summary>The cniVersion Multus and the Calico delegate speak (0.3.1 by default).</summary>
    public MultusBuilder CniVersion(string version, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        CniVersionText = new(version, new(file, line));
        return this;
    }

    /// <summary>Kubeconfig Multus uses on the node (default <c>&lt;conf dir&gt;/multus.d/multus.kubeconfig</c>).</summary>
    public MultusBuilder KubeconfigPath(string path, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Kubeconfig = new(path, new(file, line));
        return this;
    }
}
