using System.Runtime.CompilerServices;

namespace GitOps.Topology;

/// <summary>Describes the Flux side: <c>x.Name("home-lab").Namespace("flux-system").ReconcileInterval(TimeSpan.FromMinutes(10))</c>.</summary>
public sealed class FluxBuilder
{
    internal FluxBuilder(SourceLocation source) => Source = source;

    internal SourceLocation Source { get; }
    internal Located<string>? SourceName { get; private set; }
    internal Located<string> TargetNamespace { get; private set; } = new(FluxSettings.DefaultNamespace, default);
    internal Located<TimeSpan> FetchEvery { get; private set; } = new(FluxSettings.DefaultSourceInterval, default);
    internal Located<TimeSpan> ApplyEvery { get; private set; } = new(FluxSettings.DefaultReconcileInterval, default);
    internal Located<string>? SecretName { get; private set; }

    /// <summary>The GitRepository's name and the Kustomizations' prefix (default: the lab's name).</summary>
    public FluxBuilder Name(string name, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        SourceName = new(name, new(file, line));
        return this;
    }

    /// <summary>Where the Flux objects live (default flux-system, where Flux runs).</summary>
    public FluxBuilder Namespace(string @namespace, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        TargetNamespace = new(@namespace, new(file, line));
        return this;
    }

    /// <summary>
    /// The Secret Flux clones a private repository with (the GitRepository's <c>spec.secretRef.name</c>; source-controller:
    /// "For HTTPS repositories the Secret must contain 'username' and 'password' fields for basic auth or 'bearerToken'
    /// field for token auth. For SSH repositories the Secret must contain 'identity' and 'known_hosts' fields"). Create
    /// it by hand in the GitRepository's namespace (<see cref="Namespace"/>, default <c>flux-system</c>), e.g. with
    /// <c>flux create secret git &lt;name&gt; --url=&lt;the repository URL&gt; --private-key-file=&lt;deploy key&gt;</c>; a Secret
    /// never belongs in the repository. <paramref name="secretName"/> is a DNS-1123 subdomain (GITOPS100). Default: none
    /// (a public https repository).
    /// </summary>
    public FluxBuilder SecretRef(string secretName, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        SecretName = new(secretName, new(file, line));
        return this;
    }

    /// <summary>How often Flux fetches the repository (default 1 minute).</summary>
    public FluxBuilder SourceInterval(TimeSpan interval, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        FetchEvery = new(interval, new(file, line));
        return this;
    }

    /// <summary>How often Flux re-applies each folder and corrects drift (default 10 minutes).</summary>
    public FluxBuilder ReconcileInterval(TimeSpan interval, [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        ApplyEvery = new(interval, new(file, line));
        return this;
    }
}
