using System.Collections;
using Microsoft.Build.Framework;

namespace GitOps.Build.Tests;

/// <summary>A build engine that records what a task logs, one readable line per event.</summary>
internal sealed class FakeBuildEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "fake.proj";

    /// <summary>Errors as "file(line,column): error CODE: message", the way MSBuild prints them.</summary>
    public IEnumerable<string> ErrorLines => Errors.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber}): error {e.Code}: {e.Message}");

    public IEnumerable<string> WarningLines => Warnings.Select(e => $"{e.File}({e.LineNumber},{e.ColumnNumber}): warning {e.Code}: {e.Message}");

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException();
}
