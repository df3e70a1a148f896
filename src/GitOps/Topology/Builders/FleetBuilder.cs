using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Describes the Fleet side: <c>f.Name("home-lab").TargetCluster("example")</c>.</summary>
public sealed class FleetBuilder
{
    private readonly List<Located<string>> _targets = [];

    internal FleetBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal Located<string>? RepoName { get; private set; }
    internal Located<string> WorkspaceNamespace { get; private set; } = new(FleetSettings.DefaultNamespace, default);
    internal IReadOnlyList<Located<string>> Targets => _targets;

    /// <summary>The GitRepo's name (default: the lab's name). Fleet names every bundle <c>&lt;name&gt;-&lt;path&gt;</c>.</summary>
    public FleetBuilder Name(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        RepoName = new(name, new(file, line));
        return this;
    }

    /// <summary>
    /// The namespace of the GitRepo, which is its Fleet workspace; default <c>fleet-default</c> (Rancher's workspace
    /// for downstream clusters). A DNS-1123 label.
    /// </summary>
    public FleetBuilder Namespace(string @namespace, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        WorkspaceNamespace = new(@namespace, new(file, line));
        return this;
    }


    /// <summary>A Fleet cluster to deploy to (default: the lab's cluster name). Call once per cluster.</summary>
    public FleetBuilder TargetCluster(string clusterName, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        _targets.Add(new(clusterName, new(file, line)));
        return this;
    }
}
