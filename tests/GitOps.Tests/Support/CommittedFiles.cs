using System.Diagnostics;

namespace GitOps.Tests.Support;

/// <summary>
/// Files as git has them staged (the index; on a fresh checkout, the committed bytes), never as they are in the
/// working tree. The sample's golden copy is <c>manifests/</c> read this way: building the tests builds
/// samples/HomeLab, whose build regenerates <c>manifests/</c> in the working tree, so a comparison with the working
/// tree would compare the output with itself. Runs the <c>git</c> on PATH in <see cref="Root"/>.
/// </summary>
public sealed class CommittedFiles(string root)
{
    /// <summary>This repository (<see cref="RepositoryPaths.Root"/>).</summary>
    public static CommittedFiles Repository { get; } = new(RepositoryPaths.Root);

    /// <summary>The git working directory every command runs in.</summary>
    public string Root { get; } = root;

    /// <summary>The paths git tracks below <paramref name="folder"/> ('/'-separated, relative to <see cref="Root"/>), sorted.</summary>
    public IReadOnlyList<string> List(string folder) =>
        [.. System.Text.Encoding.UTF8.GetString(Git("ls-files", "-z", "--", folder))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    /// <summary>The staged bytes of <paramref name="path"/> ('/'-separated, relative to <see cref="Root"/>), or null when git does not track it.</summary>
    public byte[]? Read(string path) => List(path).Contains(path, StringComparer.Ordinal) ? Git("cat-file", "blob", ":" + path) : null;

    /// <summary>Accepting a golden copy: writes <paramref name="bytes"/> to the working tree and stages them (<c>git add</c>).</summary>
    public void Stage(string path, byte[] bytes)
    {
        var file = Path.Combine([Root, .. path.Split('/')]);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, bytes);
        Git("add", "--", path);
    }

    /// <summary>Runs git with <paramref name="arguments"/> in <see cref="Root"/>; throws with its stderr when it fails.</summary>
    public byte[] Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start; the sample's golden copy is read from git.");
        var error = git.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        git.StandardOutput.BaseStream.CopyTo(output);
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} in {Root} failed ({git.ExitCode}): {error.Result}");
        }

        return output.ToArray();
    }
}
