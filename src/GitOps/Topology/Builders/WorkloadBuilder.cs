using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Describes a Deployment whose pods join attachments: <c>w.Image("...").Attach("default/layer2-bridge")</c>.</summary>
public sealed class WorkloadBuilder
{
    private readonly List<Located<string>> _attachments = [];
    private readonly List<NetworkSelectionBuilder> _selections = [];
    private readonly List<Located<WorkloadPort>> _ports = [];

    internal WorkloadBuilder(string qualifiedName, SourceLocation source)
    {
        QualifiedName = qualifiedName;
        Source = source;
    }

    internal string QualifiedName { get; }
    internal SourceLocation Source { get; }
    internal Located<string>? ImageRef { get; private set; }
    internal IReadOnlyList<Located<string>> Attachments => _attachments;
    internal IReadOnlyList<NetworkSelectionBuilder> Selections => _selections;
    internal IReadOnlyList<Located<WorkloadPort>> Ports => _ports;

    /// <summary>The container image, <c>"ghcr.io/home-assistant/home-assistant:2025.11"</c> (GITOPS118 if not a reference). Required (GITOPS113).</summary>
    public WorkloadBuilder Image(string image, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ImageRef = new(image, new(file, line));
        return this;
    }

    /// <summary>
    /// Join the attachment <c>namespace/name</c> (the pod template gets the Multus networks annotation). Several
    /// attachments share the pod's routing table: at most one may carry multicast/broadcast (GITOPS125), no extra
    /// route may cover another's subnet (GITOPS126), no destination twice (GITOPS127). <paramref name="configure"/> asks
    /// for the pod's address or MAC on it (<see cref="NetworkSelectionBuilder"/>).
    /// </summary>
    public WorkloadBuilder Attach(string attachment, Action<NetworkSelectionBuilder>? configure = null, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        var selection = new NetworkSelectionBuilder();
        configure?.Invoke(selection);
        _selections.Add(selection);
        _attachments.Add(new(attachment, new(file, line)));
        return this;
    }

    /// <summary>A container port, named (<c>"http"</c>) and numbered 1–65535 (GITOPS121 otherwise, reported at this call).</summary>
    public WorkloadBuilder Port(string name, int port, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _ports.Add(new(new WorkloadPort(name, port), new(file, line)));
        return this;
    }
}
