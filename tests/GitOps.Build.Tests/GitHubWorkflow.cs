using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.Tests;

/// <summary>One step of a workflow job: its <c>run:</c> script (null for a <c>uses:</c> step), <c>uses:</c>, <c>if:</c> and <c>env:</c> as written.</summary>
internal sealed record WorkflowStep(string? Run, string? Uses, string? If, IReadOnlyDictionary<string, string> Env);

/// <summary>
/// A GitHub Actions workflow file read as GitHub reads it, and its <c>run:</c> steps run as a Linux runner runs them:
/// <c>bash --noprofile --norc -eo pipefail</c> (the documented default shell), with the workflow's, the job's and the
/// step's <c>env:</c> (in that order, the later one winning), after every <c>${{ ... }}</c> expression in the script and
/// the env values is replaced by the value the caller gives for it, as GitHub substitutes them before the shell runs.
/// An expression the caller gives no value for is an error, so a new expression in a workflow fails the test that runs it.
/// </summary>
internal sealed partial class GitHubWorkflow
{
    private readonly YamlMappingNode _root;

    private GitHubWorkflow(YamlMappingNode root) => _root = root;

    public static GitHubWorkflow Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        return new GitHubWorkflow((YamlMappingNode)yaml.Documents[0].RootNode);
    }

    public IReadOnlyList<string> JobNames => Jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    private YamlMappingNode Jobs => (YamlMappingNode)_root.Children["jobs"];

    /// <summary>The steps of <paramref name="job"/>, in order.</summary>
    public IReadOnlyList<WorkflowStep> Steps(string job) =>
        ((YamlSequenceNode)Job(job).Children["steps"]).Cast<YamlMappingNode>()
            .Select(s => new WorkflowStep(Scalar(s, "run"), Scalar(s, "uses"), Scalar(s, "if"), Env(s)))
            .ToList();

    /// <summary>The <c>run:</c> scripts of <paramref name="job"/>, in order (<c>uses:</c> steps set up the runner and are left out).</summary>
    public IReadOnlyList<string> RunScripts(string job) => Steps(job).Where(s => s.Run is not null).Select(s => s.Run!).ToList();

    /// <summary>The workflow's <c>env:</c> overlaid with the job's.</summary>
    public IReadOnlyDictionary<string, string> JobEnv(string job)
    {
        var env = new Dictionary<string, string>(Env(_root), StringComparer.Ordinal);
        foreach (var (name, value) in Env(Job(job)))
        {
            env[name] = value;
        }

        return env;
    }

    /// <summary>The <c>strategy.matrix.include</c> entry of <paramref name="job"/> whose <paramref name="key"/> is <paramref name="value"/>.</summary>
    public IReadOnlyDictionary<string, string> MatrixEntry(string job, string key, string value)
    {
        var include = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Job(job).Children["strategy"]).Children["matrix"]).Children["include"];
        return include.Cast<YamlMappingNode>()
            .Select(e => e.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!, StringComparer.Ordinal))
            .Single(e => e.TryGetValue(key, out var v) && v == value);
    }

    /// <summary>Replaces every <c>${{ expression }}</c> in <paramref name="text"/> with <paramref name="values"/>[expression].</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Expression().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"the workflow uses ${{{{ {m.Groups[1].Value} }}}}, which the test gives no value for:\n{text}"));

    /// <summary>
    /// Runs one <c>run:</c> step in <paramref name="workingDirectory"/>: the script and <paramref name="env"/>'s values with
    /// the expressions substituted, then <paramref name="runner"/> (the variables the runner itself sets, e.g.
    /// GITHUB_STEP_SUMMARY) on top.
    /// </summary>
    public static (int ExitCode, string Output) Run(
        string script,
        string workingDirectory,
        IReadOnlyDictionary<string, string> env,
        IReadOnlyDictionary<string, string> expressions,
        IReadOnlyDictionary<string, string> runner)
    {
        var all = env.ToDictionary(e => e.Key, e => Substitute(e.Value, expressions), StringComparer.Ordinal);
        foreach (var (name, value) in runner)
        {
            all[name] = value;
        }

        return DotNetCli.RunProgram("bash", workingDirectory, all, "--noprofile", "--norc", "-eo", "pipefail", "-c", Substitute(script, expressions));
    }

    /// <summary>Runs <paramref name="scripts"/> until one fails (as a job stops at a failed step); its exit code and every step's output.</summary>
    public static (int ExitCode, string Output) RunAll(IEnumerable<string> scripts, string workingDirectory, IReadOnlyDictionary<string, string> env)
    {
        var output = new System.Text.StringBuilder();
        foreach (var script in scripts)
        {
            var run = Run(script, workingDirectory, env, new Dictionary<string, string>(), new Dictionary<string, string>());
            output.Append("$ ").Append(script).Append('\n').Append(run.Output);
            if (run.ExitCode != 0)
            {
                return (run.ExitCode, output.ToString());
            }
        }

        return (0, output.ToString());
    }

    private YamlMappingNode Job(string job) => (YamlMappingNode)Jobs.Children[job];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlScalarNode)value).Value : null;

    private static Dictionary<string, string> Env(YamlMappingNode node) =>
        node.Children.TryGetValue("env", out var env)
            ? ((YamlMappingNode)env).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    [GeneratedRegex(@"\$\{\{\s*(.+?)\s*\}\}")]
    private static partial Regex Expression();
}
